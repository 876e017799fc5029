using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules;

/// <summary>
/// The parsed Python modules of the project (as of the step being planned) and its other text
/// files, so a rule can follow an import to the module that defines a task or read a Makefile.
/// </summary>
public sealed class ProjectModel
{
    private readonly Dictionary<string, PythonModule> _byPath;
    private readonly Dictionary<string, string> _otherFiles;

    public ProjectModel(IEnumerable<PythonModule> modules, IReadOnlyDictionary<string, string>? otherFiles = null)
    {
        _byPath = modules.ToDictionary(m => m.Path, StringComparer.Ordinal);
        _otherFiles = otherFiles?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
    }

    public static ProjectModel Empty { get; } = new([]);

    // The modules in path order, sorted the first time they are asked for (the model never changes): rules that look across the
    // project ask once per module and pass, and sorting each time made a step's cost grow with the square of the project's size.
    private IReadOnlyList<PythonModule>? _ordered;

    /// <summary>Every module, in path order (read-only).</summary>
    public IEnumerable<PythonModule> Modules => _ordered ??= _byPath.Values.OrderBy(m => m.Path, StringComparer.Ordinal).ToList().AsReadOnly();

    /// <summary>Non-Python text files (Makefile, requirements.txt, CI YAML…) by repo-relative path.</summary>
    public IReadOnlyDictionary<string, string> OtherFiles => _otherFiles;

    public PythonModule? ModuleAt(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The module of the project a dotted name refers to (<c>pkg.mod</c> → <c>pkg/mod.py</c>,
    /// <c>pkg/mod/__init__.py</c>, also under <c>src/</c>), or null when it is not part of the project.</summary>
    public PythonModule? FindModule(string dottedName)
    {
        foreach (var path in CandidatePaths(dottedName))
        {
            if (_byPath.TryGetValue(path, out var module))
            {
                return module;
            }
        }

        return null;
    }

    /// <summary>The files a dotted module name may be, in the order <see cref="FindModule"/> tries them.</summary>
    internal static IEnumerable<string> CandidatePaths(string dottedName)
    {
        var relative = dottedName.Replace('.', '/');
        foreach (var root in new[] { string.Empty, "src/" })
        {
            yield return $"{root}{relative}.py";
            yield return $"{root}{relative}/__init__.py";
        }
    }

    /// <summary>
    /// The project files an import statement in <paramref name="modulePath"/> may name: its module's files, and for a from-import
    /// each name's as a submodule (<c>from pipelines.cor import schedules</c> may import <c>pipelines/cor/schedules.py</c>).
    /// </summary>
    internal static IEnumerable<string> ImportedPaths(string modulePath, ImportSyntax import)
    {
        if (!import.IsFrom)
        {
            return import.Names.SelectMany(n => CandidatePaths(n.Name));
        }

        return PythonImports.AbsoluteModule(modulePath, import) is { } module
            ? import.Names.Where(n => n.Name != "*").Select(n => $"{module}.{n.Name}").Prepend(module).SelectMany(CandidatePaths)
            : [];
    }

    /// <summary>The dotted module name of a file (<c>pkg/mod.py</c> → <c>pkg.mod</c>), for resolving relative imports.</summary>
    public static string ModuleName(string path)
    {
        var withoutRoot = path.StartsWith("src/", StringComparison.Ordinal) ? path[4..] : path;
        var withoutExtension = withoutRoot.EndsWith("/__init__.py", StringComparison.Ordinal)
            ? withoutRoot[..^"/__init__.py".Length]
            : withoutRoot.EndsWith(".py", StringComparison.Ordinal) ? withoutRoot[..^3] : withoutRoot;
        return withoutExtension.Replace('/', '.');
    }
}
