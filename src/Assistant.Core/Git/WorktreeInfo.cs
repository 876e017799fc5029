namespace Assistant.Core.Git;

/// <summary>One entry of <c>git worktree list</c>.</summary>
internal sealed record WorktreeInfo(string Path)
{
    /// <summary>Null for a worktree on an unborn branch.</summary>
    public ObjectId? Head { get; init; }

    /// <summary>Full ref name, e.g. <c>refs/heads/flowmigrate/etl</c>; null when detached or bare.</summary>
    public string? Branch { get; init; }

    public bool IsBare { get; init; }

    public bool IsDetached { get; init; }

    public bool IsLocked { get; init; }

    public string? LockReason { get; init; }

    /// <summary>Git would remove this entry on <c>worktree prune</c> (e.g. its directory is gone).</summary>
    public bool IsPrunable { get; init; }

    public string? PrunableReason { get; init; }
}
