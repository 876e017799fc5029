using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect2.FlowDefinition;

/// <summary>PF202: see <see cref="FlowRunCallRule"/> (Prefect 2 target).</summary>
public sealed class PF202FlowRunCall() : FlowRunCallRule("PF202");
