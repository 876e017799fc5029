using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect2.ControlFlow;

/// <summary>PF221: see <see cref="MergeToAssignmentRule"/> (Prefect 2 target).</summary>
public sealed class PF221MergeToAssignment() : MergeToAssignmentRule("PF221");
