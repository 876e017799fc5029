using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The value a module-level name holds: its one module-level assignment in the module, or in the project module it is imported
/// from (<c>from .schedules import every_hour</c>, followed through modules that import it in turn, as a package's
/// <c>__init__.py</c> re-exports it). Null where the name is assigned more than once, defined another way, or comes from outside
/// the project.
/// </summary>
public static class ModuleLevelValues
{
    /// <summary>Where a name's value is written: the module, its <c>name = value</c> statement, and the value.</summary>
    public sealed record Definition(PythonModule Module, SyntaxNode Statement, SyntaxNode Value);

    // Re-exports rarely go deeper; the bound also stops a cycle of modules importing the name from each other.
    private const int MaxImportHops = 4;

    /// <summary>The definition of <paramref name="name"/> as <paramref name="module"/> sees it at module level, or null.</summary>
    public static Definition? Of(PythonModule module, ProjectModel project, string name) => Of(module, project, name, 0);

    private static Definition? Of(PythonModule module, ProjectModel project, string name, int hops)
    {
        var assignments = module.Body.Where(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Name" } target] && target.Scalar("id") == name).ToList();
        if (assignments.Count > 0)
        {
            return assignments is [var only] && !RebindsOtherwise(module, name) ? new Definition(module, only, only.Child("value")!) : null;
        }

        if (hops == MaxImportHops)
        {
            return null;
        }

        foreach (var import in module.Imports().Where(i => i.IsFrom))
        {
            foreach (var imported in import.Names.Where(n => n.BoundName == name && n.Name != "*"))
            {
                return PythonImports.AbsoluteModule(module.Path, import) is { } from && project.FindModule(from) is { } source && source != module
                    ? Of(source, project, imported.Name, hops + 1)
                    : null;
            }
        }

        return null;
    }

    // A def, class or other top-level binding of the same name makes the assignment's value not the only one the name may hold.
    private static bool RebindsOtherwise(PythonModule module, string name) =>
        module.Body.Any(s => (s.Is("FunctionDef") || s.Is("AsyncFunctionDef") || s.Is("ClassDef")) && s.Scalar("name") == name
            || s.Is("AugAssign") && s.Child("target") is { Kind: "Name" } target && target.Scalar("id") == name
            || ImportSyntax.From(s) is { } import && import.Names.Any(n => n.BoundName == name));
}
