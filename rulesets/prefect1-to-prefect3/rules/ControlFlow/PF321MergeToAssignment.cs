using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect3.ControlFlow;

/// <summary>PF321: see <see cref="MergeToAssignmentRule"/> (Prefect 3 target).</summary>
public sealed class PF321MergeToAssignment() : MergeToAssignmentRule("PF321");
