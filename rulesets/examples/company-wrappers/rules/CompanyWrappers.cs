// A flowmigrate user rule: copy this file into your repository's .flowmigrate/rules/ folder.
// flowmigrate compiles it at start-up (usings of the rule API are implicit) and caches the result.
namespace Acme.FlowmigrateRules;

/// <summary>
/// Acme's in-house Prefect 1 wrappers: <c>@company_task(team=…)</c> calls <c>@prefect.task</c> and records the
/// owning team; <c>CustomFlow(…, team=…, sla_minutes=…)</c> subclasses <c>prefect.Flow</c>. Declared equivalent,
/// the scan finds the flows and tasks written with them, and the conversion treats them as the originals.
/// </summary>
public sealed class CompanyWrappers : IEquivalenceRule
{
    public IReadOnlyList<FrameworkAlias> Aliases { get; } =
    [
        new("acme.workflows.company_task", "prefect.task")
        {
            ExtraKeywords = ["team"],
            Note = "Prefect 3 tasks take tags=, e.g. tags=[\"team:data\"]",
        },
        new("acme.workflows.CustomFlow", "prefect.Flow")
        {
            ExtraKeywords = ["team", "sla_minutes"],
            Note = "put the team in the deployment's tags and the SLA in an automation",
        },
    ];
}
