using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect2.ControlFlow;

/// <summary>PF223: see <see cref="SignalsRule"/> (Prefect 2 target).</summary>
public sealed class PF223Signals() : SignalsRule("PF223");
