namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A user <see cref="IRule"/> as the engine sees it: each call goes to the rule host, under its time limit.</summary>
internal sealed class HostedModuleRule(UserRuleHostClient client, HostedRule rule, Ruleset ruleset) : IRule
{
    public RuleDescriptor Descriptor => rule.Descriptor;

    public string File => client.FileOf(rule);

    public IEnumerable<Finding> Analyze(RuleContext context) => client.Analyze(rule, context, ruleset);
}
