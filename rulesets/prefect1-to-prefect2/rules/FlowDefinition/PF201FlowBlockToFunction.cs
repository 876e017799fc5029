using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect2.FlowDefinition;

/// <summary>PF201: see <see cref="FlowBlockToFunctionRule"/> (Prefect 2 target).</summary>
public sealed class PF201FlowBlockToFunction() : FlowBlockToFunctionRule("PF201");
