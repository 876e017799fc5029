using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Output;

internal static class FlowStates
{
    public static string Of(FlowState state) => state switch
    {
        FlowState.NotStarted => "not-started",
        FlowState.InProgress => "in-progress",
        FlowState.Committed => "committed",
        FlowState.Merged => "merged",
        FlowState.Skipped => "skipped",
        FlowState.MigratedOutside => "migrated-outside",
        _ => state.ToString(),
    };

    public static string Describe(FlowStatus status) => status.State switch
    {
        FlowState.InProgress => $"in progress, step {status.Step} of {status.StepCount}",
        _ => Of(status.State).Replace('-', ' '),
    };
}
