using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect3.ControlFlow;

/// <summary>PF320: see <see cref="CaseToIfRule"/> (Prefect 3 target).</summary>
public sealed class PF320CaseToIf() : CaseToIfRule("PF320");
