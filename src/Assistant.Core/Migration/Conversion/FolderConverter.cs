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
    public async Task<FolderConversion> ConvertAsync(string root, string prefectTarget, FixPolicy policy, RuleOptions? options = null,
        IReadOnlyCollection<string>? excluded = null, bool enterNestedRepositories = false, CancellationToken cancellationToken = default)
    {
        var nested = new List<string>();
        var files = ProjectFileWalker.PythonFiles(root, excluded, nested, enterNestedRepositories);
        var (built, modules) = await new InventoryBuilder(parser, aliases).BuildWithModulesAsync(root, files, cancellationToken);
        var inventory = built with
        {
            NestedRepositories = nested.Order(StringComparer.Ordinal).ToList(),
            NestedRepositoriesScanned = enterNestedRepositories && nested.Count > 0,
        };
        var converted = new List<ConvertedFile>();
        var generated = new List<GeneratedFile>();
        var groups = inventory.Files.Where(f => f.ParseError is null && FrameworkNames.IsSource(f.Framework))
            .GroupBy(f => f.Framework == Framework.Flyte1 ? "flyte1-to-flyte2" : $"prefect1-to-{prefectTarget}");
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ruleset = loadRuleset(group.Key);
            var paths = group.Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
            var project = await LoadAsync(root, paths, modules, cancellationToken);
            var result = await new ConversionPipeline(parser).RunAsync(ruleset, project, paths, RulesetOptions.For(ruleset, options), policy, cancellationToken: cancellationToken);
            converted.AddRange(paths.Select(path => Collect(ruleset.Id, path, project, result)));
            generated.AddRange(result.Generated);
        }

        return new FolderConversion(inventory, converted, generated, inventory.Files.Where(f => f.ParseError is not null).ToList());
    }

    // The inventory parsed every framework file already, with its comments: only a file it has no module for is read again.
    private async Task<ProjectModel> LoadAsync(string root, IReadOnlyList<string> paths, IReadOnlyDictionary<string, PythonModule> fromInventory, CancellationToken cancellationToken)
    {
        var modules = new List<PythonModule>();
        foreach (var path in paths)
        {
            if (fromInventory.TryGetValue(path, out var module))
            {
                modules.Add(module);
                continue;
            }

            var decoded = SourceFileReader.Decode(await File.ReadAllBytesAsync(Path.Combine(root, path), cancellationToken));
            var parsed = await parser.ParseAsync(path, decoded.Text!, decoded.Encoding, cancellationToken);
            modules.Add(parsed.Module!);
        }

        return new ProjectModel(modules, ProjectContextFilesReader.Read(root));
    }

    private static ConvertedFile Collect(string rulesetId, string path, ProjectModel before, ConversionResult result)
    {
        var changes = result.Steps.SelectMany(s => s.Files).Where(f => f.Path == path).ToList();
        return new ConvertedFile(path, rulesetId, before.ModuleAt(path)!.Text, result.Project.ModuleAt(path)?.Text ?? result.Project.OtherFiles.GetValueOrDefault(path) ?? before.ModuleAt(path)!.Text)
        {
            Applied = changes.SelectMany(c => c.Applied).ToList(),
            Declined = changes.SelectMany(c => c.Declined).ToList(),
            Problems = changes.SelectMany(c => c.Problems).Concat(result.Steps.SelectMany(s => s.Problems).Where(p => p.StartsWith(path, StringComparison.Ordinal))).ToList(),
        };
    }
}
