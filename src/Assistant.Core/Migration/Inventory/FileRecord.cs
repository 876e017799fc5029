namespace Assistant.Core.Migration.Inventory;

/// <summary>A candidate file of the scan: its framework, or why it could not be read or parsed.</summary>
public sealed record FileRecord(string Path, Framework Framework, string? ParseError = null);
