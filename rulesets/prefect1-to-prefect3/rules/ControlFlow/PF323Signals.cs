using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect3.ControlFlow;

/// <summary>PF323: see <see cref="SignalsRule"/> (Prefect 3 target).</summary>
public sealed class PF323Signals() : SignalsRule("PF323");
