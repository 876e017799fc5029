namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A user <see cref="IRule"/> as the engine sees it: each call goes to the rule host, under its time limit.</summary>
internal sealed class HostedModuleRule(UserRuleHostClient client, HostedRule rule, Ruleset ruleset) : IRule
{
    public RuleDescriptor Descriptor => rule.Descriptor;

    public string File => client.FileOf(rule);

    public IEnumerable<Finding> Analyze(RuleContext context) => client.Analyze(rule, context, ruleset);

    /// <summary>Whether any of <paramref name="rules"/> is answered by the rule host, which takes one request at a time:
    /// work that calls such rules goes one module (and one ruleset) after another.</summary>
    internal static bool AnyIn(IEnumerable<IRule> rules) => rules.Any(r => r is HostedModuleRule);
}
