using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect3.FlowDefinition;

/// <summary>PF302: see <see cref="FlowRunCallRule"/> (Prefect 3 target).</summary>
public sealed class PF302FlowRunCall() : FlowRunCallRule("PF302");
