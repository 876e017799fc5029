namespace Assistant.Core.Migration.Inventory;

/// <summary>Where a running scan is: files looked at so far, of how many, and files parsed.</summary>
public sealed record ScanProgress(int Seen, int Total, int Parsed);
