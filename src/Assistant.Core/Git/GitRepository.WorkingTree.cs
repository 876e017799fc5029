namespace Assistant.Core.Git;

/// <summary>Files, status and ignore rules of this work tree. All read-only.</summary>
internal sealed partial class GitRepository
{
    /// <summary>
    /// Tracked files plus untracked files that are not ignored: repo-relative, '/'-separated,
    /// distinct, in ordinal order. Names are read NUL-separated, so <c>core.quotePath</c> never applies.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<string>>> ListFilesAsync(CancellationToken cancellationToken = default)
    {
        var command = Read("ls-files", "-z", "--cached", "--others", "--exclude-standard");
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, "Could not list files", cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        // A conflicted file is listed once per stage; a tracked file deleted from disk is still listed.
        return NulSeparated.Fields(run.Value.StandardOutputBytes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Changed, untracked (every file, not just directories) and conflicted paths.</summary>
    public async Task<GitResult<IReadOnlyList<StatusEntry>>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var command = Read("status", "--porcelain=v2", "-z", "--untracked-files=all", "--find-renames");
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, "Could not read the status", cancellationToken);
        return run.IsSuccess ? Parse(command, run.Value, r => StatusParser.Parse(r.StandardOutputBytes)) : run.Error;
    }

    /// <summary>Which of <paramref name="paths"/> the ignore rules exclude (tracked files never are).</summary>
    public async Task<GitResult<IReadOnlySet<string>>> CheckIgnoreAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.RepoRelativePaths(paths) is { } invalid)
        {
            return invalid;
        }

        if (paths.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var command = Read("check-ignore", "-z", "--stdin") with { StandardInput = NulSeparated.Join(paths) };
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.ExitCode is 0 or 1
            ? new HashSet<string>(NulSeparated.Fields(run.Value.StandardOutputBytes), StringComparer.Ordinal)
            : GitFailure.From(command, run.Value, GitErrorKind.CommandFailed, "Could not check ignore rules");
    }
}
