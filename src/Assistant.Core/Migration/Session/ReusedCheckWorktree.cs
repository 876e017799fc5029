using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// The worktree one checker of <c>check</c> goes through its flows in: made once, detached at the first flow's branch, then moved
/// to each next branch's commit, which rewrites only the files the two branches differ in, where a worktree per flow checked the
/// whole tree out and deleted it again (most of a check's time on a large repository). Detached, it holds no branch. A worktree
/// left at its path by an interrupted run is removed first. <see cref="RemoveAsync"/> removes it when the checks are done.
/// </summary>
internal sealed class ReusedCheckWorktree(GitRepository repository, string path, SemaphoreSlim worktreeChanges)
{
    private GitRepository? _worktree;

    public string Path { get; } = path;

    /// <summary>Makes the worktree hold exactly what <paramref name="branch"/> holds.</summary>
    public async Task MoveToAsync(string branch, CancellationToken cancellationToken)
    {
        var tip = "refs/heads/" + branch;
        if (_worktree is not null)
        {
            MigrationSession.Check(await _worktree.CheckOutDetachedAsync(tip, cancellationToken), SessionRefusal.GitFailed);
            return;
        }

        // Made one at a time with the session's other worktree changes: a prune while another worktree is being added deletes
        // that one's administrative folder before git has written it whole, and the add fails.
        await worktreeChanges.WaitAsync(cancellationToken);
        try
        {
            await repository.WorktreeRemoveAsync(Path, force: true, cancellationToken);
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }

            await repository.WorktreePruneAsync(cancellationToken);
            _worktree = MigrationSession.Check(await repository.WorktreeAddDetachedAsync(Path, tip, cancellationToken), SessionRefusal.GitFailed);
        }
        finally
        {
            worktreeChanges.Release();
        }
    }

    public async Task RemoveAsync()
    {
        if (_worktree is not null)
        {
            await repository.WorktreeRemoveAsync(Path, force: true, CancellationToken.None);
            _worktree = null;
        }
    }
}
