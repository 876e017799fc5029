namespace Assistant.Core.Git;

/// <summary>
/// One path in <c>git status</c>. <see cref="IndexStatus"/> and <see cref="WorkTreeStatus"/> are git's
/// XY letters (<c>.</c> unchanged, <c>M</c>, <c>A</c>, <c>D</c>, <c>R</c>, <c>C</c>, <c>T</c>, <c>U</c>;
/// <c>?</c>/<c>!</c> for untracked/ignored). Paths are repo-relative with '/' separators.
/// </summary>
internal sealed record StatusEntry(StatusEntryKind Kind, char IndexStatus, char WorkTreeStatus, string Path)
{
    /// <summary>For a rename or copy, the path it came from.</summary>
    public string? OriginalPath { get; init; }

    public bool IsSubmodule { get; init; }

    public bool IsStaged => Kind is not (StatusEntryKind.Untracked or StatusEntryKind.Ignored) && IndexStatus != '.';
}
