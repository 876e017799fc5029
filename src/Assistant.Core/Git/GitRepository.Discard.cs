namespace Assistant.Core.Git;

/// <summary>Throwing away uncommitted work. Only ever used on flowmigrate's own worktrees, never on the user's checkout.</summary>
internal sealed partial class GitRepository
{
    /// <summary>
    /// Makes the work tree match HEAD: a stale <c>index.lock</c> left by a killed git is removed, tracked
    /// changes are reset and untracked files deleted (ignored ones are kept).
    /// </summary>
    public async Task<GitResult> DiscardChangesAsync(CancellationToken cancellationToken = default)
    {
        if (!IsLinkedWorktree)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"Refusing to discard changes in a main work tree: {Root}");
        }

        var staleLock = Path.Combine(GitDir, "index.lock");
        if (File.Exists(staleLock))
        {
            File.Delete(staleLock);
        }

        var reset = await RunCheckedAsync(Write("reset", "--hard", "--quiet", "HEAD"), GitErrorKind.CommandFailed, "Could not reset the worktree", cancellationToken);
        if (!reset.IsSuccess)
        {
            return reset.Error!;
        }

        var clean = await RunCheckedAsync(Write("clean", "-d", "--force", "--quiet"), GitErrorKind.CommandFailed, "Could not clean the worktree", cancellationToken);
        return clean.IsSuccess ? GitResult.Success : clean.Error!;
    }
}
