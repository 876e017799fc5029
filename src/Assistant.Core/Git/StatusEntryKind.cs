namespace Assistant.Core.Git;

/// <summary>The record types of <c>git status --porcelain=v2</c>.</summary>
internal enum StatusEntryKind
{
    /// <summary>A tracked path that changed (<c>1</c> record).</summary>
    Changed,

    /// <summary>A renamed or copied path (<c>2</c> record).</summary>
    RenamedOrCopied,

    /// <summary>A path with merge conflicts (<c>u</c> record).</summary>
    Unmerged,

    /// <summary><c>?</c> record.</summary>
    Untracked,

    /// <summary><c>!</c> record.</summary>
    Ignored,
}
