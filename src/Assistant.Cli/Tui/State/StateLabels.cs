using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>How a flow's state reads in the overview, and the order the state sort uses.</summary>
internal static class StateLabels
{
    public static string Of(FlowStatus flow) => flow.State switch
    {
        FlowState.NotStarted => "not started",
        FlowState.InProgress when flow.Step is { } step => $"step {step} of {flow.StepCount}",
        FlowState.InProgress => "in progress",
        FlowState.Committed => "committed",
        FlowState.Merged => "merged",
        FlowState.Skipped => "skipped",
        FlowState.MigratedOutside => "migrated outside",
        _ => flow.State.ToString(),
    };

    public static int Rank(FlowState state) => state switch
    {
        FlowState.InProgress => 0,
        FlowState.NotStarted => 1,
        FlowState.Committed => 2,
        FlowState.Merged => 3,
        FlowState.Skipped => 4,
        _ => 5,
    };
}
