using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;

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
}
