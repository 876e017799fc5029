namespace Assistant.Core.Migration.Reporting;

/// <summary>What to gather: checks take time (an import per flow branch), diffs take memory; <see cref="Flows"/> limits the flows (all when empty).</summary>
public sealed record ReportOptions(bool IncludeChecks = false, bool IncludeDiffs = true)
{
    public IReadOnlyCollection<string> Flows { get; init; } = [];
}
