using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The value a module-level name holds: its one binding in the module (<see cref="ModuleConstants.ValueOf"/>), or that of the
/// project module it is imported from (<c>from .schedules import every_hour</c>, followed through modules that import it in turn,
/// as a package's <c>__init__.py</c> re-exports it). Null where the name is bound more than once, defined another way, or comes
/// from outside the project.
/// </summary>
public static class ModuleLevelValues
{
    /// <summary>Where a name's value is written: the module and the value.</summary>
    public sealed record Definition(PythonModule Module, SyntaxNode Value);

    /// <summary>The definition of <paramref name="name"/> as <paramref name="module"/> sees it at module level, or null.</summary>
    public static Definition? Of(PythonModule module, ProjectModel project, string name) =>
        ProjectImports.Follow(module, project, name, (here, local) => ModuleConstants.ValueOf(here, local) is { } value ? new Definition(here, value) : null,
            // Assigned as well as imported, or assigned more than once: no one value.
            (here, local) => here.Body.Any(s => s.Is("Assign") && s.Children("targets").Any(t => t.Is("Name") && t.Scalar("id") == local)));
}
