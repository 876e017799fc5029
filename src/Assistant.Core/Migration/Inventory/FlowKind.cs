namespace Assistant.Core.Migration.Inventory;

/// <summary>How a flow is declared: Flyte <c>@workflow</c>/<c>@dynamic</c>/<c>@eager</c>/<c>LaunchPlan</c>;
/// Prefect <c>with Flow(...)</c> block (also a project subclass of <c>Flow</c>) or an imperatively built <c>Flow</c>.</summary>
public enum FlowKind
{
    Workflow,
    Dynamic,
    Eager,
    LaunchPlan,
    FlowBlock,
    ImperativeFlow,
}
