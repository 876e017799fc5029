using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect2.ControlFlow;

/// <summary>PF220: see <see cref="CaseToIfRule"/> (Prefect 2 target).</summary>
public sealed class PF220CaseToIf() : CaseToIfRule("PF220");
