using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Conversion;

/// <summary>
/// Converts every Flyte 1 and Prefect 1 file of a folder in one pass per ruleset (no git, no branches):
/// the engine of <c>convert</c> and <c>diff</c>. Each ruleset sees all its framework's modules, so rules can
/// follow imports across them; everything else is left alone. Submodules are converted only when asked
/// (<c>enterNestedRepositories</c>): convert writes a copy, never into the submodule itself.
/// </summary>
public sealed class FolderConverter(ModuleParser parser, Func<string, Ruleset> loadRuleset, Rules.UserRules.FrameworkAliasMap? aliases = null)
{
    /// <summary>Modules a step works on at once: rule evaluation on one overlaps the worker parsing another.</summary>
    private static readonly int Concurrency = Math.Max(2, Environment.ProcessorCount * 2);

    private const string FlyteRulesets = "flyte1-to-flyte2";

    /// <summary>Converts the folder <paramref name="root"/>; <paramref name="listFlows"/> false leaves the inventory's flows out (see <see cref="InventoryBuilder.FindsFlows"/>).</summary>
    public async Task<FolderConversion> ConvertAsync(string root, string prefectTarget, FixPolicy policy, RuleOptions? options = null,
        IReadOnlyCollection<string>? excluded = null, bool enterNestedRepositories = false, bool listFlows = true, CancellationToken cancellationToken = default)
    {
        // What the steps need besides the modules is read while the files are listed: the rulesets the two frameworks would
        // use (one of them for nothing when the folder has only the other framework's files; a ruleset that fails to load
        // fails the conversion only when a group needs it) and the project's context files.
        var rulesetKeys = new[] { FlyteRulesets, $"prefect1-to-{prefectTarget}" };
        var preloaded = rulesetKeys.ToDictionary(key => key, key => Task.Run(() => loadRuleset(key), cancellationToken), StringComparer.Ordinal);
        var contextFiles = Task.Run(() => ProjectContextFilesReader.Read(root), cancellationToken);
        var nested = new List<string>();
        var files = ProjectFileWalker.PythonFiles(root, excluded, nested, enterNestedRepositories);
        var (built, modules) = await new InventoryBuilder(parser, aliases) { FindsFlows = listFlows }.BuildWithModulesAsync(root, files, cancellationToken);
        var inventory = built with
        {
            NestedRepositories = nested.Order(StringComparer.Ordinal).ToList(),
            NestedRepositoriesScanned = enterNestedRepositories && nested.Count > 0,
        };
        var groups = inventory.Files.Where(f => f.ParseError is null && FrameworkNames.IsSource(f.Framework))
            .GroupBy(f => f.Framework == Framework.Flyte1 ? FlyteRulesets : $"prefect1-to-{prefectTarget}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Paths: g.Select(f => f.Path).Order(StringComparer.Ordinal).ToList()))
            .ToList();

        // Each group holds its own modules from here on: the inventory's trees go as soon as their group is converted.
        var unconverted = new List<(string Key, ProjectModel Project, List<string> Paths)>();
        foreach (var (key, paths) in groups)
        {
            unconverted.Add((key, await LoadAsync(root, paths, modules, files, await contextFiles.ConfigureAwait(false), cancellationToken), paths));
        }

        modules = null!; // the async method's state would otherwise keep every tree to the end

        // The groups convert side by side: one group's last syntax confirmation (the user's Python, another process) and the
        // ends of its steps (a step waits for its slowest module) leave cores the other group uses. Rules hosted in the
        // user's Python answer one request at a time, so with those the groups go one after another.
        var rulesets = new List<Ruleset>();
        foreach (var (key, _, _) in unconverted)
        {
            rulesets.Add(await preloaded[key].ConfigureAwait(false));
        }

        var results = new (List<ConvertedFile> Converted, IReadOnlyList<GeneratedFile> Generated)[unconverted.Count];
        var sideBySide = !rulesets.Any(r => Rules.UserRules.Host.HostedModuleRule.AnyIn(r.Rules));
        await Parallel.ForEachAsync(Enumerable.Range(0, unconverted.Count), new ParallelOptions { MaxDegreeOfParallelism = sideBySide ? unconverted.Count : 1, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (ruleset, group) = (rulesets[index], unconverted[index]);
                unconverted[index] = default;
                results[index] = await ConvertGroupAsync(ruleset, group.Project, group.Paths, options, policy, token).ConfigureAwait(false);
            });
        var converted = results.SelectMany(r => r.Converted).ToList();
        var generated = results.SelectMany(r => r.Generated).ToList();

        return new FolderConversion(inventory, converted, generated, inventory.Files.Where(f => f.ParseError is not null).ToList());
    }

    private async Task<(List<ConvertedFile> Converted, IReadOnlyList<GeneratedFile> Generated)> ConvertGroupAsync(Ruleset ruleset, ProjectModel project, List<string> paths,
        RuleOptions? options, FixPolicy policy, CancellationToken cancellationToken)
    {
        var originals = paths.ToDictionary(p => p, p => (project.ModuleAt(p)!.Text, project.ModuleAt(p)!.Encoding), StringComparer.Ordinal);
        var result = await new ConversionPipeline(parser, Concurrency, releaseModules: true, ConfirmationPoint.End)
            .RunAsync(ruleset, project, paths, RulesetOptions.For(ruleset, options), policy, cancellationToken: cancellationToken).ConfigureAwait(false);
        var changes = result.Steps.SelectMany(s => s.Files).ToLookup(f => f.Path, StringComparer.Ordinal);
        return (paths.Select(path => Collect(ruleset.Id, path, originals[path].Text, result, changes[path]) with { Encoding = originals[path].Encoding }).ToList(), result.Generated);
    }

    // The inventory parsed every framework file already, with its comments: only a file it has no module for is read again.
    // The group's own modules, and the project modules they import names from (`from pipelines.constants import constants`, and
    // those these import from in turn), which are read but not converted: rules read values defined there (a constants enum).
    private async Task<ProjectModel> LoadAsync(string root, IReadOnlyList<string> paths, IReadOnlyDictionary<string, PythonModule> fromInventory,
        IReadOnlyList<string> projectFiles, IReadOnlyDictionary<string, string> contextFiles, CancellationToken cancellationToken)
    {
        var modules = new List<PythonModule>();
        foreach (var path in paths)
        {
            modules.Add(fromInventory.GetValueOrDefault(path) ?? await ReadAsync(root, path, cancellationToken) ?? throw new InvalidDataException($"{path} no longer parses"));
        }

        var files = projectFiles.ToHashSet(StringComparer.Ordinal);
        modules.AddRange(await ImportedProjectModules.ReadAsync(modules, async (path, token) =>
            files.Contains(path) ? fromInventory.GetValueOrDefault(path) ?? await ReadAsync(root, path, token) : null, cancellationToken));
        return new ProjectModel(modules, contextFiles);
    }

    // A module the inventory did not parse (not a framework file), or null when it does not decode or parse.
    private async Task<PythonModule?> ReadAsync(string root, string path, CancellationToken cancellationToken) =>
        await parser.ParseBytesAsync(path, await File.ReadAllBytesAsync(Path.Combine(root, path), cancellationToken), cancellationToken);

    private static ConvertedFile Collect(string rulesetId, string path, string before, ConversionResult result, IEnumerable<FileChange> fileChanges)
    {
        var changes = fileChanges.ToList();
        return new ConvertedFile(path, rulesetId, before, result.Project.ModuleAt(path)?.Text ?? result.Project.OtherFiles.GetValueOrDefault(path) ?? before)
        {
            Applied = changes.SelectMany(c => c.Applied).ToList(),
            Declined = changes.SelectMany(c => c.Declined).ToList(),
            Problems = changes.SelectMany(c => c.Problems).Concat(result.Steps.SelectMany(s => s.Problems).Where(p => p.StartsWith(path, StringComparison.Ordinal))).ToList(),
        };
    }
}
