namespace Assistant.Core.Migration.Session;

/// <summary>One declared setting compared old → new: status is preserved, changed, dropped or added; a change or drop
/// without <see cref="ExplainedBy"/> (a TODO that speaks to it) fails the check.</summary>
public sealed record BehaviourLine(string File, string Entity, string Setting, string Status, string? Before, string? After, string? ExplainedBy);
