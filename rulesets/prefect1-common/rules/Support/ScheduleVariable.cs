using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// <c>schedule = IntervalSchedule(...)</c> at module level, read only by one flow's <c>schedule=</c>: the flow's
/// literal schedule, moved to the deployment with the flow's other settings.
/// </summary>
public static class ScheduleVariable
{
    /// <summary>The module-level assignment of <paramref name="name"/> when it is the name's only binding, holds a
    /// call, comes before the use, and nothing else in the module reads the name; else null.</summary>
    public static SyntaxNode? SoleAssignment(PythonModule module, SyntaxNode name)
    {
        if (!name.Is("Name") || name.Scalar("id") is not { } id)
        {
            return null;
        }

        var uses = module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == id).ToList();
        var assignment = module.Body.FirstOrDefault(s => s.Is("Assign") && s.Children("targets") is [{ } target] && target.Is("Name") && target.Scalar("id") == id);
        return assignment is not null && uses.Count == 2 && uses.Any(u => u.Span == name.Span) && assignment.Child("value")?.Is("Call") == true && assignment.Span.End <= name.Span.Start
            ? assignment
            : null;
    }
}
