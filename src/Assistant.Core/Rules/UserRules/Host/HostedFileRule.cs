namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A user <see cref="IFileRule"/> as the engine sees it: each call goes to the rule host, under its time limit.</summary>
internal sealed class HostedFileRule(UserRuleHostClient client, HostedRule rule, Ruleset ruleset) : IFileRule
{
    public RuleDescriptor Descriptor => rule.Descriptor;

    public string File => client.FileOf(rule);

    public bool AppliesTo(string path)
    {
        try
        {
            return client.AppliesTo(rule, path);
        }
        catch (UserRuleHostException)
        {
            // The engine reports failures from Analyze; the next Analyze of a disabled rule returns nothing.
            return !client.IsDisabled(rule.Descriptor.Id);
        }
    }

    public IEnumerable<Finding> Analyze(FileRuleContext context) => client.AnalyzeFile(rule, context, ruleset);
}
