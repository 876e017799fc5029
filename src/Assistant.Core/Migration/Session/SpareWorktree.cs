using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// A finished flow's worktree, kept for the next flow the session opens: moved to that flow's path and switched to its branch,
/// git rewrites only the files the two branches differ in, where a new worktree writes every file of the repository (at 5,000
/// files, a third of a second per flow, and again as much to remove it). It waits detached where it is, holding no branch; one
/// at most; the session removes it when it ends. A detached worktree of flowmigrate's (not a check's) left by a killed run, parked
/// or half taken, is taken the same way.
/// </summary>
internal sealed class SpareWorktree(GitRepository repository, string folder)
{
    private string? _parked;

    /// <summary>The worktree to take for a flow at <paramref name="path"/>, or null: a detached one already there (a killed run's),
    /// else the one parked, else another detached one of flowmigrate's.</summary>
    public string? Find(IReadOnlyList<WorktreeInfo> worktrees, string path)
    {
        var spares = worktrees.Where(IsSpare).Select(w => Path.GetFullPath(w.Path)).ToList();
        var here = Path.GetFullPath(path);
        return spares.FirstOrDefault(p => p == here)
            ?? (_parked is { } parked && spares.Contains(Path.GetFullPath(parked)) ? Path.GetFullPath(parked) : null)
            ?? spares.FirstOrDefault();
    }

    /// <summary>
    /// Moves <paramref name="spare"/> to <paramref name="path"/> and puts <paramref name="branch"/> there (created at
    /// <paramref name="newBranchStartPoint"/> when given). Null when that fails: the spare is removed, and the caller adds a
    /// worktree as usual (whose errors say what is wrong).
    /// </summary>
    public async Task<GitRepository?> TakeAsync(string spare, string path, string branch, string? newBranchStartPoint, CancellationToken cancellationToken)
    {
        _parked = null;
        var target = Path.GetFullPath(path);
        if (Path.GetFullPath(spare) != target && !(await repository.WorktreeMoveAsync(spare, target, cancellationToken)).IsSuccess)
        {
            await repository.WorktreeRemoveAsync(spare, force: true, cancellationToken);
            return null;
        }

        var worktree = await GitRepository.OpenAsync(repository.Executable, target, cancellationToken);
        if (worktree.IsSuccess && (await worktree.Value.SwitchBranchAsync(branch, newBranchStartPoint, cancellationToken)).IsSuccess)
        {
            return worktree.Value;
        }

        await repository.WorktreeRemoveAsync(target, force: true, cancellationToken);
        return null;
    }

    /// <summary>Keeps <paramref name="worktree"/> (every change committed) for the next flow; false when one is kept already or it
    /// cannot be detached: the caller removes it.</summary>
    public async Task<bool> ParkAsync(GitRepository worktree, CancellationToken cancellationToken)
    {
        if (_parked is not null || !(await worktree.DetachAsync(cancellationToken)).IsSuccess)
        {
            return false;
        }

        _parked = worktree.Root;
        return true;
    }

    /// <summary>Removes the parked worktree, if any.</summary>
    public async Task RemoveAsync()
    {
        if (_parked is { } parked)
        {
            _parked = null;
            await repository.WorktreeRemoveAsync(parked, force: true);
        }
    }

    // Detached, unlocked and in flowmigrate's folder, but not a check's (.check-N, see ReusedCheckWorktree).
    private bool IsSpare(WorktreeInfo worktree) =>
        worktree is { IsDetached: true, IsLocked: false, IsBare: false }
        && Directory.Exists(worktree.Path)
        && string.Equals(Path.GetDirectoryName(Path.GetFullPath(worktree.Path)), Path.GetFullPath(folder), StringComparison.Ordinal)
        && !Path.GetFileName(worktree.Path).StartsWith(".check-", StringComparison.Ordinal);
}
