using System.CommandLine;
using System.Text;
using Assistant.Cli.Hosting;
using Assistant.Core.Migration.Session;
using Assistant.Core.Migration.Session.Config;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate init [PATH]</c>: writes <c>.flowmigrate/config.yaml</c> with every setting documented.</summary>
internal static class InitCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var target = SharedOptions.Target();
        var mode = SharedOptions.Mode();
        var tree = new Option<string?>("--parallel-tree") { Description = "Folder of the converted copies in side-by-side mode (default flows_v2)" };
        var baseBranch = new Option<string?>("--base-branch") { Description = "Branch flow branches start from (default: the current branch at each run)" };
        var active = new Option<bool>("--schedules-active") { Description = "Generate schedules and triggers active (default: inactive until cutover)" };
        var driver = new Option<string?>("--driver") { Description = "Flyte 2 workflow drivers: sync or async" }.AcceptOnlyFromAmong("sync", "async");
        var python = new Option<string?>("--python") { Description = "Python interpreter to record for the repository" };
        var image = new Option<string?>("--default-image") { Description = "Image Flyte 1 tasks without container_image ran on (pyflyte --image)" };
        var workPools = new Option<string[]>("--work-pool") { Description = "KIND=POOL: the work pool for a Prefect 1 run config kind (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var secretBlocks = new Option<string[]>("--secret-block") { Description = "SECRET=BLOCK: the Prefect Secret block for a v1 secret (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "A repository folder or file never scanned or converted (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var ruleFolders = new Option<string[]>("--rule-folder") { Description = "An extra folder of user rules (*.cs) besides .flowmigrate/rules (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var submodules = new Option<bool>("--submodules") { Description = "Also scan submodules and nested repositories (their flows migrate in their own repository)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .flowmigrate/config.yaml" };
        var command = new Command("init", "Write .flowmigrate/config.yaml with the repository's migration settings (commit it)")
        {
            path, target, mode, tree, baseBranch, active, driver, python, image, workPools, secretBlocks, exclude, submodules, ruleFolders, force,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            var file = Path.Combine(root, RepositoryConfig.RelativePath);
            if (File.Exists(file) && !result.GetValue(force))
            {
                throw new UserError($"{RepositoryConfig.RelativePath} already exists; edit it, or pass --force to write it again");
            }

            var config = new RepositoryConfig
            {
                PrefectTarget = result.GetValue(target) ?? RepositoryConfig.Default.PrefectTarget,
                Mode = result.GetValue(mode) ?? RepositoryConfig.Default.Mode,
                ParallelTree = result.GetValue(tree) ?? RepositoryConfig.Default.ParallelTree,
                BaseBranch = result.GetValue(baseBranch),
                SchedulesInactive = !result.GetValue(active),
                Driver = result.GetValue(driver) ?? RepositoryConfig.Default.Driver,
                Python = result.GetValue(python),
                DefaultImage = result.GetValue(image),
                WorkPools = Pairs("--work-pool", result.GetValue(workPools)),
                SecretBlocks = Pairs("--secret-block", result.GetValue(secretBlocks)),
                Exclude = result.GetValue(exclude) ?? [],
                RuleFolders = result.GetValue(ruleFolders) ?? [],
                Submodules = result.GetValue(submodules),
            };
            var text = RepositoryConfigFile.Render(config);
            RepositoryConfigFile.Parse(file, text); // what init writes must load
            AtomicFile.Write(file, Encoding.UTF8.GetBytes(text));
            consoles.Out.MarkupLine($"wrote [bold]{Markup.Escape(RepositoryConfig.RelativePath)}[/]; commit it so the whole team migrates the same way");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    // KEY=VALUE options, in the order given; a repeated key keeps its last value.
    private static Dictionary<string, string> Pairs(string option, string[]? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new UserError($"{option} {value}: expected KEY=VALUE, e.g. {option} {(option == "--work-pool" ? "KubernetesRun=k8s-pool" : "SLACK_WEBHOOK=slack-webhook")}");
            }

            pairs[value[..equals]] = value[(equals + 1)..];
        }

        return pairs;
    }
}
