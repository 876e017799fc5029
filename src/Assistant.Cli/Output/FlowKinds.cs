using Assistant.Core.Migration.Inventory;

namespace Assistant.Cli.Output;

internal static class FlowKinds
{
    public static string Of(FlowKind kind) => kind switch
    {
        FlowKind.Workflow => "workflow",
        FlowKind.Dynamic => "dynamic",
        FlowKind.Eager => "eager",
        FlowKind.LaunchPlan => "launch_plan",
        FlowKind.FlowBlock => "flow_block",
        FlowKind.ImperativeFlow => "imperative_flow",
        _ => kind.ToString(),
    };

    /// <summary>Short label for tables.</summary>
    public static string Label(FlowKind kind) => kind switch
    {
        FlowKind.Workflow => "@workflow",
        FlowKind.Dynamic => "@dynamic",
        FlowKind.Eager => "@eager",
        FlowKind.LaunchPlan => "LaunchPlan",
        FlowKind.FlowBlock => "with Flow",
        FlowKind.ImperativeFlow => "Flow()",
        _ => kind.ToString(),
    };
}
