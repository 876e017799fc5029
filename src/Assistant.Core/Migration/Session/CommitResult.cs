namespace Assistant.Core.Migration.Session;

/// <summary>The outcome of committing a step: the commit id, or why it did not happen (a hook's output, a git error).</summary>
public sealed record CommitResult(string StepId, string? Commit, string? Error)
{
    public bool IsSuccess => Commit is not null;

    /// <summary>A pre-commit hook rejected or rewrote files: the user may retry, accept the hook's changes, or skip hooks.</summary>
    public bool HookFailed { get; init; }

    /// <summary>The import check that ran before this commit (null when none ran).</summary>
    public FlowCheckReport? Check { get; init; }
}
