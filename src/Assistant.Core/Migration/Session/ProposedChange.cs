using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// One change the current step proposes, as the wizard lists it beside the diff: the rule, its
/// safety, the one-line reason, the 1-based line in the file before the step, and whether it will be applied.
/// </summary>
public sealed record ProposedChange(ChangeKey Key, string RuleId, Safety Safety, string Reason, string File, int Line, bool IsEnabled)
{
    /// <summary>The rule was accepted for every flow (the wizard's <c>R</c>): the change is pre-accepted.</summary>
    public bool IsRuleAccepted { get; init; }
}
