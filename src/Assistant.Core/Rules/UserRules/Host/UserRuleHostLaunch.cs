namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>How to start a rule host: the flowmigrate executable and the arguments of its hidden host verb (the CLI knows both).</summary>
public sealed record UserRuleHostLaunch(string FileName, IReadOnlyList<string> Arguments);
