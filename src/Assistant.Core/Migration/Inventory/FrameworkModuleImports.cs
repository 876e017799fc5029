using Assistant.Core.Rules;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// The project's old-framework modules each old-framework module imports (<c>from pipelines.rj_cor.bot_semaforo.schedules import
/// bot_schedule</c>, a flow template's module it copies): a converted flow cannot import them as they are, so migrating a flow
/// converts them with it. Only old-framework modules are followed; plain modules are the side-by-side tree's support files.
/// </summary>
internal sealed class FrameworkModuleImports
{
    private readonly Dictionary<string, List<string>> _imported;

    private FrameworkModuleImports(Dictionary<string, List<string>> imported) => _imported = imported;

    public static FrameworkModuleImports Of(IReadOnlyList<ModuleFacts> facts)
    {
        var framework = facts.Where(f => FrameworkNames.IsSource(f.Framework)).ToDictionary(f => f.Module.Path, f => f.Framework, StringComparer.Ordinal);
        var imported = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => framework.ContainsKey(f.Module.Path)))
        {
            var path = fact.Module.Path;
            imported[path] = fact.Module.Root.Descendants().Select(ImportSyntax.From).OfType<ImportSyntax>()
                .SelectMany(import => ProjectModel.ImportedPaths(path, import))
                .Where(p => p != path && framework.GetValueOrDefault(p) == fact.Framework)
                .Distinct(StringComparer.Ordinal).ToList();
        }

        return new FrameworkModuleImports(imported);
    }

    /// <summary><paramref name="files"/> and the old-framework modules they import, transitively, in path order.</summary>
    public IReadOnlyList<string> Closure(IEnumerable<string> files)
    {
        var found = new SortedSet<string>(files, StringComparer.Ordinal);
        var pending = new Queue<string>(found);
        while (pending.TryDequeue(out var file))
        {
            foreach (var imported in _imported.GetValueOrDefault(file) ?? [])
            {
                if (found.Add(imported))
                {
                    pending.Enqueue(imported);
                }
            }
        }

        return [.. found];
    }
}
