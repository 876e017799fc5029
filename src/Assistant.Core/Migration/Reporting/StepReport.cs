namespace Assistant.Core.Migration.Reporting;

/// <summary>One commit of a flow branch: its step (trailer), subject, committer date, the rules its body lists, and the
/// changes it made to the flow's converted files (previous commit → this one; the original file before the first step).</summary>
public sealed record StepReport(
    string Commit,
    string? StepId,
    string Subject,
    DateTimeOffset Date,
    IReadOnlyList<string> Rules,
    IReadOnlyList<FileDiff> Diffs);
