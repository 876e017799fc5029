namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A rule the host loaded: module rule or file rule, its descriptor, and the file that declares it.</summary>
internal sealed record HostedRule(bool IsFileRule, RuleDescriptor Descriptor, string TypeName);
