namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A user rule could not be run: it timed out or crashed its host (and is disabled), threw, or the host failed.</summary>
public sealed class UserRuleHostException(string message) : Exception(message);
