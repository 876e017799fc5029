using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect2.Runtime;

/// <summary>PF233: see <see cref="FlowOfFlowsRule"/> (Prefect 2 target).</summary>
public sealed class PF233FlowOfFlows() : FlowOfFlowsRule("PF233");
