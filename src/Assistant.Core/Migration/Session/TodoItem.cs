namespace Assistant.Core.Migration.Session;

/// <summary>A manual TODO: its rule, where it is (repo-relative file, 1-based line) and what to do.</summary>
public sealed record TodoItem(string RuleId, string File, int Line, string Text);
