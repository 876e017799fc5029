using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect2.FlowDefinition;

/// <summary>PF203: see <see cref="ImperativeFlowRule"/> (Prefect 2 target).</summary>
public sealed class PF203ImperativeFlow() : ImperativeFlowRule("PF203");
