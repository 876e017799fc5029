namespace Assistant.Core.Rules;

/// <summary>A non-Python file for an <see cref="IFileRule"/>.</summary>
public sealed record FileRuleContext(string Path, string Text, ProjectModel Project, RulesetTables Tables, RuleOptions Options);
