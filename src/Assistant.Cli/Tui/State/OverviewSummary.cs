using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>The counts at the top of the overview.</summary>
internal sealed record OverviewSummary(int Total, int NotStarted, int InProgress, int Committed, int Merged, int Skipped, int MigratedOutside, int Todos)
{
    public static OverviewSummary Of(IReadOnlyList<FlowStatus> flows) => new(
        flows.Count,
        flows.Count(f => f.State == FlowState.NotStarted),
        flows.Count(f => f.State == FlowState.InProgress),
        flows.Count(f => f.State == FlowState.Committed),
        flows.Count(f => f.State == FlowState.Merged),
        flows.Count(f => f.State == FlowState.Skipped),
        flows.Count(f => f.State == FlowState.MigratedOutside),
        flows.Sum(f => f.Todos));
}
