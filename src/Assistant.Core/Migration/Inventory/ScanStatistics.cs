namespace Assistant.Core.Migration.Inventory;

/// <summary>How much work a scan did: files seen, files whose text passed the cheap pre-filter, files parsed.</summary>
public sealed record ScanStatistics(int PythonFiles, int Candidates, int Parsed, TimeSpan Elapsed);
