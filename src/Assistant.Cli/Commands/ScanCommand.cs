using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session.Config;
using Assistant.Core.Python;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate scan [PATH] [--json] [--python PATH]</c>: the inventory of flows.</summary>
internal static class ScanCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = new Argument<string?>("path") { Description = "Repository or folder to scan (default: the current directory)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the inventory as JSON (schema flowmigrate.scan/1)" };
        var python = SharedOptions.Python();
        var submodules = SharedOptions.Submodules();
        var command = new Command("scan", "List the Flyte 1 and Prefect 1 flows of a repository, their tasks and files") { path, json, python, submodules };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            var inventory = await ScanAsync(consoles, worker, root, showProgress: !result.GetValue(json), cancellationToken, SubmodulesAsked(root, result.GetValue(submodules)));
            if (result.GetValue(json))
            {
                WriteJson(inventory);
            }
            else
            {
                foreach (var renderable in InventoryTable.Render(inventory, consoles.Out.Profile.Width))
                {
                    consoles.Out.Write(renderable);
                }

                consoles.Out.WriteLine();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The JSON document and a line break on stdout. A UTF-8 console (the usual one) gets the writer's bytes as they come,
    /// with no copy of the whole document; any other console encoding gets the text through <see cref="Console.Out"/> as before.
    /// </summary>
    private static void WriteJson(RepositoryInventory inventory)
    {
        if (Console.OutputEncoding.CodePage != 65001)
        {
            Console.Out.WriteLine(InventoryJson.Write(inventory));
            return;
        }

        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        InventoryJson.WriteTo(inventory, stdout);
        stdout.Write(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine));
        stdout.Flush();
    }

    /// <summary><c>--submodules</c>, else <c>submodules</c> in the folder's config.yaml (a broken config is the user's to fix, as for every verb).</summary>
    internal static bool SubmodulesAsked(string root, bool flag)
    {
        try
        {
            return flag || RepositoryConfigFile.Load(root).Submodules;
        }
        catch (RepositoryConfigException exception)
        {
            throw new UserError(exception.Message);
        }
    }

    public static async Task<RepositoryInventory> ScanAsync(Consoles consoles, PythonWorker worker, string root, bool showProgress, CancellationToken cancellationToken,
        bool enterNestedRepositories = false)
    {
        // The rule host starts, and the files are listed and parsed, while the Python worker does: the in-process parser bets on
        // the interpreter's version until the worker (or the version cache) tells it, and the files are parsed again if it lost.
        // Identifying reads the version cache (or starts Python): on a thread of its own, beside the listing.
        var identifying = Task.Run(() => worker.IdentifyAsync(cancellationToken), cancellationToken);
        var loading = Task.Run(() => UserRuleHosting.Load(root, worker.Options.Interpreter.Path, consoles.Error), cancellationToken);
        var nested = new List<string>();
        var walking = Task.Run(() => ProjectFileWalker.PythonFiles(root, nestedRepositories: nested, enterNestedRepositories: enterNestedRepositories), cancellationToken);
        var userRules = await loading;
        var files = await walking;
        var builder = new InventoryBuilder(new ModuleParser(worker) { Speculative = true }, userRules.Aliases) { EnterNestedRepositories = enterNestedRepositories };
        var inventory = await BuildAsync(consoles, builder, root, files, showProgress, cancellationToken);
        await identifying;
        return inventory with
        {
            NestedRepositories = nested.Order(StringComparer.Ordinal).ToList(),
            NestedRepositoriesScanned = enterNestedRepositories && nested.Count > 0,
        };
    }

    private static async Task<RepositoryInventory> BuildAsync(Consoles consoles, InventoryBuilder builder, string root, IReadOnlyList<string> files, bool showProgress, CancellationToken cancellationToken)
    {
        if (!showProgress || !consoles.IsInteractive)
        {
            return await builder.BuildAsync(root, files, cancellationToken: cancellationToken);
        }

        RepositoryInventory? inventory = null;
        await consoles.Error.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("scanning");
            var progress = new Progress<ScanProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Seen;
                task.Description = $"scanning ({p.Parsed} parsed)";
            });
            inventory = await builder.BuildAsync(root, files, progress, cancellationToken);
        });
        return inventory!;
    }
}
