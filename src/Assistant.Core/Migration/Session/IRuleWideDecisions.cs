namespace Assistant.Core.Migration.Session;

/// <summary>
/// Optional capability of a session: accept one rule's changes in every flow that has them, so a team
/// decides a rule once instead of once per flow. The wizard's <c>R</c> key is disabled (with the reason)
/// when the session does not implement it.
/// </summary>
public interface IRuleWideDecisions
{
    /// <summary>How many flows (other than the one open, included or not) currently have enabled changes of <paramref name="ruleId"/>.</summary>
    Task<int> CountFlowsWithRuleAsync(string ruleId, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="ruleId"/> as accepted for every flow that has its changes; returns how many flows it applied to.</summary>
    Task<int> AcceptRuleEverywhereAsync(string ruleId, CancellationToken cancellationToken = default);
}
