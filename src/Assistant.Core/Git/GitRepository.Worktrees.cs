namespace Assistant.Core.Git;

/// <summary>Linked worktrees: where flowmigrate writes, so the user's checkout is never touched.</summary>
internal sealed partial class GitRepository
{
    /// <summary>
    /// Adds a worktree at <paramref name="path"/> (relative paths are taken from <see cref="Root"/>) with
    /// <paramref name="branch"/> checked out. With <paramref name="newBranchStartPoint"/> the branch is
    /// created there first; without it the branch must already exist. Returns the new worktree, opened.
    /// </summary>
    public async Task<GitResult<GitRepository>> WorktreeAddAsync(
        string path, string branch, string? newBranchStartPoint = null, CancellationToken cancellationToken = default)
    {
        var valid = await IsRefNameValidAsync(branch, cancellationToken);
        if (!valid.IsSuccess || !valid.Value)
        {
            return valid.Error ?? new GitError(GitErrorKind.InvalidRefName, $"Not a valid branch name: '{branch}'");
        }

        var fullPath = Path.GetFullPath(path, Root);
        var arguments = await WorktreeAddArgumentsAsync(fullPath, branch, newBranchStartPoint, cancellationToken);
        if (!arguments.IsSuccess)
        {
            return arguments.Error;
        }

        return await AddAsync(arguments.Value, fullPath, cancellationToken);
    }

    /// <summary>
    /// Adds a worktree at <paramref name="path"/> with <paramref name="revision"/> checked out on a detached HEAD: no branch is
    /// held by it, so the branch stays free for other worktrees. Returns the new worktree, opened.
    /// </summary>
    public async Task<GitResult<GitRepository>> WorktreeAddDetachedAsync(string path, string revision, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.Revision(revision) is { } invalid)
        {
            return invalid;
        }

        var commit = await RevParseAsync(revision, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        var fullPath = Path.GetFullPath(path, Root);
        return await AddAsync(["worktree", "add", "--detach", "--", fullPath, commit.Value.Value], fullPath, cancellationToken);
    }

    /// <summary>
    /// Moves this linked worktree to <paramref name="revision"/> on a detached HEAD and makes its files exactly that commit's:
    /// git rewrites only the files that differ, and whatever else is there (untracked or ignored) is deleted.
    /// </summary>
    public async Task<GitResult> CheckOutDetachedAsync(string revision, CancellationToken cancellationToken = default)
    {
        if (!IsLinkedWorktree)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"Refusing to check out over a main work tree: {Root}");
        }

        if (GitArgumentGuard.Revision(revision) is { } invalid)
        {
            return invalid;
        }

        var commit = await RevParseAsync(revision, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        return await CheckOutExactlyAsync(["checkout", "--quiet", "--force", "--detach", commit.Value.Value], revision, cancellationToken);
    }

    /// <summary>
    /// Puts <paramref name="branch"/> in this linked worktree in place of what it held and makes its files exactly the branch's:
    /// git rewrites only the files that differ, and whatever else is there (untracked or ignored) is deleted. With
    /// <paramref name="newBranchStartPoint"/> the branch is created there first; without it the branch must already exist (git
    /// never guesses one from a remote).
    /// </summary>
    public async Task<GitResult> SwitchBranchAsync(string branch, string? newBranchStartPoint = null, CancellationToken cancellationToken = default)
    {
        if (!IsLinkedWorktree)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"Refusing to switch branches over a main work tree: {Root}");
        }

        var valid = await IsRefNameValidAsync(branch, cancellationToken);
        if (!valid.IsSuccess || !valid.Value)
        {
            return valid.Error ?? new GitError(GitErrorKind.InvalidRefName, $"Not a valid branch name: '{branch}'");
        }

        string[] arguments;
        if (newBranchStartPoint is not null)
        {
            var start = await RevParseAsync(newBranchStartPoint, cancellationToken);
            if (!start.IsSuccess)
            {
                return start.Error;
            }

            arguments = ["checkout", "--quiet", "--force", "-b", branch, start.Value.Value, "--"];
        }
        else
        {
            var exists = await RefExistsAsync(HeadsPrefix + branch, cancellationToken);
            if (!exists.IsSuccess || !exists.Value)
            {
                return exists.Error ?? new GitError(GitErrorKind.RefNotFound, $"No branch named '{branch}'");
            }

            arguments = ["checkout", "--quiet", "--force", "--no-guess", branch, "--"];
        }

        return await CheckOutExactlyAsync(arguments, branch, cancellationToken);
    }

    /// <summary>Detaches this linked worktree's HEAD where it is (its files stay): the branch it held is free for other worktrees.</summary>
    public async Task<GitResult> DetachAsync(CancellationToken cancellationToken = default)
    {
        if (!IsLinkedWorktree)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"Refusing to detach a main work tree: {Root}");
        }

        var run = await RunCheckedAsync(Write("checkout", "--quiet", "--detach"), GitErrorKind.CommandFailed, "Could not detach the worktree", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error!;
    }

    /// <summary>Moves the worktree at <paramref name="path"/> to <paramref name="newPath"/> (relative paths are taken from <see cref="Root"/>).</summary>
    public async Task<GitResult> WorktreeMoveAsync(string path, string newPath, CancellationToken cancellationToken = default)
    {
        var (from, to) = (Path.GetFullPath(path, Root), Path.GetFullPath(newPath, Root));
        var run = await RunCheckedAsync(Write("worktree", "move", "--", from, to), GitErrorKind.CommandFailed, $"Could not move the worktree at {from} to {to}", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error!;
    }

    /// <summary>Removes the worktree at <paramref name="path"/>; without <paramref name="force"/>, git refuses if it has changes.</summary>
    public async Task<GitResult> WorktreeRemoveAsync(string path, bool force = false, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path, Root);
        var command = Write(force ? ["worktree", "remove", "--force", "--", fullPath] : ["worktree", "remove", "--", fullPath]);
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value.ExitCode == 0)
        {
            return GitResult.Success;
        }

        var stderr = run.Value.StandardError;
        var kind = stderr.Contains("is not a working tree", StringComparison.Ordinal) ? GitErrorKind.WorktreeNotFound
            : stderr.Contains("contains modified or untracked files", StringComparison.Ordinal) ? GitErrorKind.WorktreeDirty
            : GitErrorKind.CommandFailed;
        return GitFailure.From(command, run.Value, kind, $"Could not remove the worktree at {fullPath}");
    }

    /// <summary>Every worktree of the repository, the main one first.</summary>
    public async Task<GitResult<IReadOnlyList<WorktreeInfo>>> WorktreeListAsync(CancellationToken cancellationToken = default)
    {
        var command = Read("worktree", "list", "--porcelain", "-z");
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, "Could not list worktrees", cancellationToken);
        return run.IsSuccess ? Parse(command, run.Value, r => WorktreeListParser.Parse(r.StandardOutputBytes)) : run.Error;
    }

    /// <summary>Forgets worktrees whose directories are gone (e.g. after a crash or a manual delete).</summary>
    public async Task<GitResult> WorktreePruneAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunCheckedAsync(Write("worktree", "prune"), GitErrorKind.CommandFailed, "Could not prune worktrees", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }

    private async Task<GitResult<string[]>> WorktreeAddArgumentsAsync(
        string fullPath, string branch, string? newBranchStartPoint, CancellationToken cancellationToken)
    {
        if (newBranchStartPoint is not null)
        {
            var start = await RevParseAsync(newBranchStartPoint, cancellationToken);
            return start.IsSuccess ? new[] { "worktree", "add", "-b", branch, "--", fullPath, start.Value.Value } : start.Error;
        }

        // Without this check git would guess: create the branch from a remote one of that name, or detach.
        var exists = await RefExistsAsync(HeadsPrefix + branch, cancellationToken);
        if (!exists.IsSuccess || !exists.Value)
        {
            return exists.Error ?? new GitError(GitErrorKind.RefNotFound, $"No branch named '{branch}'");
        }

        return new[] { "worktree", "add", "--", fullPath, branch };
    }

    // Runs a forced `git checkout` (its arguments) of what, then deletes whatever else is there, untracked or ignored: the files are
    // exactly the commit's, and git rewrote only those that differed.
    private async Task<GitResult> CheckOutExactlyAsync(string[] checkout, string what, CancellationToken cancellationToken)
    {
        var checkedOut = await RunCheckedAsync(Write(checkout), GitErrorKind.CommandFailed, $"Could not check out {what}", cancellationToken);
        if (!checkedOut.IsSuccess)
        {
            return checkedOut.Error!;
        }

        var clean = await RunCheckedAsync(Write("clean", "-d", "-x", "--force", "--quiet"), GitErrorKind.CommandFailed, "Could not clean the worktree", cancellationToken);
        return clean.IsSuccess ? GitResult.Success : clean.Error!;
    }

    // Runs a `git worktree add` and opens the worktree it made.
    private async Task<GitResult<GitRepository>> AddAsync(string[] arguments, string fullPath, CancellationToken cancellationToken)
    {
        var command = Write(arguments);
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value.ExitCode != 0)
        {
            return GitFailure.From(command, run.Value, ClassifyWorktreeAddFailure(run.Value.StandardError), $"Could not add a worktree at {fullPath}");
        }

        var worktree = await OpenAsync(_git, fullPath, cancellationToken);
        if (worktree.IsSuccess)
        {
            await worktree.Value.SettleCheckoutAsync(cancellationToken);
        }

        return worktree;
    }

    private static GitErrorKind ClassifyWorktreeAddFailure(string stderr)
    {
        bool Says(string text) => stderr.Contains(text, StringComparison.Ordinal);
        return Says("a branch named") && Says("already exists") ? GitErrorKind.RefAlreadyExists
            : Says("is already checked out") || Says("is already used by worktree") ? GitErrorKind.BranchCheckedOut
            : Says("already exists") || Says("already registered worktree") ? GitErrorKind.WorktreePathInUse
            : GitErrorKind.CommandFailed;
    }
}
