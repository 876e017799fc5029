using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// The project modules that modules import names from (<c>from pipelines.constants import constants</c>), and those these
/// import from in turn: read so rules can see the values and helpers defined there (a constants enum, a project helper that
/// sets a flow copy's defaults), never converted. <c>convert</c> and the wizard both load them, so a flow converts the same
/// way in either.
/// </summary>
internal static class ImportedProjectModules
{
    // How far imports of imports are followed: re-exports through a package's __init__.py rarely go deeper.
    private const int MaxDepth = 4;

    /// <summary>
    /// The modules <paramref name="modules"/> import from, not counting themselves; <paramref name="read"/> gives the module at a
    /// repo-relative path, or null when there is no such file or it does not decode or parse (it is then simply not seen).
    /// </summary>
    public static async Task<List<PythonModule>> ReadAsync(IReadOnlyList<PythonModule> modules, Func<string, CancellationToken, Task<PythonModule?>> read,
        CancellationToken cancellationToken)
    {
        var seen = modules.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
        var imported = new List<PythonModule>();
        IReadOnlyList<PythonModule> frontier = modules;
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<PythonModule>();
            foreach (var path in frontier.SelectMany(ImportedFiles).Where(seen.Add).ToList())
            {
                if (await read(path, cancellationToken).ConfigureAwait(false) is { } module)
                {
                    next.Add(module);
                }
            }

            imported.AddRange(next);
            frontier = next;
        }

        return imported;
    }

    // The files a module's top-level from-imports may name, relative or absolute.
    private static IEnumerable<string> ImportedFiles(PythonModule module) =>
        module.Body.Where(s => s.Is("ImportFrom")).SelectMany(s => ProjectModel.ImportedPaths(module.Path, new ImportSyntax(s)));
}
