namespace Assistant.Core.Rules.UserRules;

/// <summary>One user rule file: its path as shown to the user (repo-relative where possible) and its text.</summary>
public sealed record UserRuleSource(string DisplayPath, string Text);
