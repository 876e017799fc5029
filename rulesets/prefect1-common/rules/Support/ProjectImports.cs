using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Names a module takes from modules of the project (<c>from .schedules import every_hour</c>, relative or absolute).</summary>
public static class ProjectImports
{
    /// <summary>
    /// The project module and the name there that a top-level <c>from … import</c> of <paramref name="module"/> binds
    /// <paramref name="localName"/> to (the first such import), or null when no import of a project module binds it.
    /// </summary>
    public static (PythonModule Module, string Name)? Origin(PythonModule module, ProjectModel project, string localName)
    {
        foreach (var (import, names) in TopLevelImport.In(module))
        {
            if (import.IsFrom && names.FirstOrDefault(n => n.BoundName == localName) is { } imported
                && PythonImports.AbsoluteModule(module.Path, import) is { } source && project.FindModule(source) is { } other)
            {
                return (other, imported.Name);
            }
        }

        return null;
    }

    /// <summary>
    /// The module-level <c>def</c> or <c>class</c> (<paramref name="kind"/>: <c>FunctionDef</c>, <c>ClassDef</c>) named
    /// <paramref name="name"/> in <paramref name="module"/>, or where the name is imported from (<see cref="Follow{T}"/>), with the
    /// module that holds it; null when none does.
    /// </summary>
    public static Defined? Definition(PythonModule module, ProjectModel project, string name, string kind) =>
        Follow(module, project, name, (here, local) => here.Body.LastOrDefault(s => s.Is(kind) && s.Scalar("name") == local) is { } node ? new Defined(here, node) : null);

    /// <summary>
    /// The first non-null <paramref name="find"/> gives for <paramref name="name"/> in <paramref name="module"/> or in the project
    /// module a from-import takes the name from, followed through modules that import it in turn (a package's <c>__init__.py</c>
    /// re-exports it). The search stops where <paramref name="boundHere"/> says the module binds the name itself.
    /// </summary>
    public static T? Follow<T>(PythonModule module, ProjectModel project, string name, Func<PythonModule, string, T?> find, Func<PythonModule, string, bool>? boundHere = null)
        where T : class
    {
        for (var hops = 0; hops <= MaxImportHops; hops++)
        {
            if (find(module, name) is { } found)
            {
                return found;
            }

            if (boundHere?.Invoke(module, name) == true || Origin(module, project, name) is not { } origin || origin.Module == module)
            {
                return null;
            }

            (module, name) = origin;
        }

        return null;
    }

    /// <summary>A definition and the module that holds it.</summary>
    public sealed record Defined(PythonModule Module, SyntaxNode Node);

    // Re-exports rarely go deeper; the bound also stops a cycle of modules importing the name from each other.
    private const int MaxImportHops = 4;
}
