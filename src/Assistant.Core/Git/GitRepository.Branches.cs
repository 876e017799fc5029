namespace Assistant.Core.Git;

/// <summary>Branches and ref names.</summary>
internal sealed partial class GitRepository
{
    /// <summary>Whether the full ref (e.g. <c>refs/heads/flowmigrate/etl</c>) exists.</summary>
    public async Task<GitResult<bool>> RefExistsAsync(string fullRefName, CancellationToken cancellationToken = default)
    {
        if (!fullRefName.StartsWith("refs/", StringComparison.Ordinal) || GitArgumentGuard.Revision(fullRefName) is not null)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"Not a full ref name: '{fullRefName}'");
        }

        var command = Read("show-ref", "--verify", "--quiet", "--", fullRefName);
        return await ExitCodeAsBoolAsync(command, $"Could not look up {fullRefName}", cancellationToken);
    }

    /// <summary>Whether git accepts <paramref name="branchName"/> as a new branch name.</summary>
    public async Task<GitResult<bool>> IsRefNameValidAsync(string branchName, CancellationToken cancellationToken = default)
    {
        if (branchName.Length == 0 || branchName.Contains('\0'))
        {
            return false;
        }

        // check-ref-format --branch expands @{-1} and the like; only a name that comes back unchanged is literal.
        var run = await RunAsync(Read("check-ref-format", "--branch", branchName), cancellationToken);
        return run.IsSuccess ? run.Value.ExitCode == 0 && run.Value.Line == branchName : run.Error;
    }

    /// <summary>Local and remote-tracking branches, optionally only those whose name starts with <paramref name="prefix"/> (e.g. <c>flowmigrate/</c>).</summary>
    public async Task<GitResult<IReadOnlyList<BranchInfo>>> BranchesAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        var remoteCommand = Read("remote");
        var remotes = await RunCheckedAsync(remoteCommand, GitErrorKind.CommandFailed, "Could not list remotes", cancellationToken);
        if (!remotes.IsSuccess)
        {
            return remotes.Error;
        }

        var command = Read("for-each-ref", "--format=" + BranchListParser.Format, "refs/heads", "refs/remotes");
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, "Could not list branches", cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        var remoteNames = remotes.Value.Line.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Parse(command, run.Value, r => (IReadOnlyList<BranchInfo>)BranchListParser.Parse(r.StandardOutput, remoteNames)
            .Where(b => prefix is null || b.BranchName.StartsWith(prefix, StringComparison.Ordinal))
            .ToList());
    }

    /// <summary>Creates branch <paramref name="name"/> at <paramref name="startPoint"/>, without checking it out.</summary>
    public async Task<GitResult<ObjectId>> CreateBranchAsync(string name, string startPoint, CancellationToken cancellationToken = default)
    {
        var valid = await IsRefNameValidAsync(name, cancellationToken);
        if (!valid.IsSuccess || !valid.Value)
        {
            return valid.Error ?? new GitError(GitErrorKind.InvalidRefName, $"Not a valid branch name: '{name}'");
        }

        var start = await RevParseAsync(startPoint, cancellationToken);
        if (!start.IsSuccess)
        {
            return start.Error;
        }

        var command = Write("branch", "--no-track", "--", name, start.Value.Value);
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.ExitCode == 0
            ? start.Value
            : GitFailure.From(command, run.Value, AlreadyExists(run.Value) ? GitErrorKind.RefAlreadyExists : GitErrorKind.CommandFailed, $"Could not create branch '{name}'");
    }

    private static bool AlreadyExists(GitCommandResult result) =>
        result.StandardError.Contains("already exists", StringComparison.Ordinal);

    /// <summary>Deletes a local branch (<c>git branch -D</c>: also when unmerged; callers confirm first).</summary>
    public async Task<GitResult> DeleteBranchAsync(string name, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.Revision(name) is { } invalid)
        {
            return invalid;
        }

        var run = await RunCheckedAsync(Write("branch", "-D", "--", name), GitErrorKind.RefNotFound, $"Could not delete branch {name}", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }
}
