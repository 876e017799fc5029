using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect3.Runtime;

/// <summary>PF333: see <see cref="FlowOfFlowsRule"/> (Prefect 3 target).</summary>
public sealed class PF333FlowOfFlows() : FlowOfFlowsRule("PF333");
