using Assistant.Rulesets.Prefect.FlowDefinition;

namespace Assistant.Rulesets.Prefect3.FlowDefinition;

/// <summary>PF301: see <see cref="FlowBlockToFunctionRule"/> (Prefect 3 target).</summary>
public sealed class PF301FlowBlockToFunction() : FlowBlockToFunctionRule("PF301");
