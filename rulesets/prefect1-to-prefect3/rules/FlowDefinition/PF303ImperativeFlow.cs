using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect3.FlowDefinition;

/// <summary>PF303: see <see cref="ImperativeFlowRule"/> (Prefect 3 target).</summary>
public sealed class PF303ImperativeFlow() : ImperativeFlowRule("PF303");
