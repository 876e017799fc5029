namespace Assistant.Core.Migration.Session;

/// <summary>One line of a check report: severity (error, warning, info), where, what, and the rule that wrote the line when known.</summary>
public sealed record CheckFinding(string Severity, string File, int? Line, string Message, string? RuleId);
