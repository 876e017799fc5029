namespace Assistant.Core.Migration.Inventory;

/// <summary>A task a flow calls, and where the task is defined (repo-relative file, 1-based line) when it could be resolved.</summary>
public sealed record TaskReference(string Name, string? File, int? Line);
