using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// What migrates together on one branch: one flow (side-by-side), or every flow sharing a module with it
/// (in-place, so no old flow is left importing converted code). <see cref="Files"/> is the
/// scope: the flows' modules and the modules of the tasks they call.
/// </summary>
internal sealed record MigrationUnit(string Slug, IReadOnlyList<FlowRecord> Flows, IReadOnlyList<string> Files, string RulesetId)
{
    public FlowRecord Lead => Flows[0];

    public string Branch => FlowSlug.Branch(Slug);

    public bool Contains(string flowId) => Flows.Any(f => f.Id == flowId);
}
