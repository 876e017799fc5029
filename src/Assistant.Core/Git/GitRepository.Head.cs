namespace Assistant.Core.Git;

/// <summary>HEAD and revisions.</summary>
internal sealed partial class GitRepository
{
    private const string HeadsPrefix = "refs/heads/";

    public async Task<GitResult<HeadInfo>> HeadAsync(CancellationToken cancellationToken = default)
    {
        var symbolic = Read("symbolic-ref", "--quiet", "HEAD");
        var branch = await RunAsync(symbolic, cancellationToken);
        if (!branch.IsSuccess)
        {
            return branch.Error;
        }

        if (branch.Value.ExitCode is not (0 or 1))
        {
            return GitFailure.From(symbolic, branch.Value, GitErrorKind.CommandFailed, "Could not read HEAD");
        }

        var verify = Read("rev-parse", "--verify", "--quiet", "HEAD");
        var commit = await RunAsync(verify, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        if (commit.Value.ExitCode is not (0 or 1))
        {
            return GitFailure.From(verify, commit.Value, GitErrorKind.CommandFailed, "Could not read HEAD");
        }

        var name = branch.Value.ExitCode == 0 ? StripPrefix(branch.Value.Line, HeadsPrefix) : null;
        return Parse(verify, commit.Value, r => new HeadInfo(name, r.ExitCode == 0 ? new ObjectId(r.Line) : null));
    }

    /// <summary>The commit HEAD points at; <see cref="GitErrorKind.NoCommits"/> on an unborn branch.</summary>
    public async Task<GitResult<ObjectId>> HeadCommitAsync(CancellationToken cancellationToken = default)
    {
        var head = await HeadAsync(cancellationToken);
        if (!head.IsSuccess)
        {
            return head.Error;
        }

        return head.Value.Commit is { } commit
            ? commit
            : new GitError(GitErrorKind.NoCommits, $"The branch '{head.Value.Branch}' has no commits yet; commit something first.");
    }

    /// <summary>
    /// Resolves any revision (branch, tag, <c>HEAD~2</c>, abbreviated id) to the commit it names. A full commit id once verified
    /// is not asked of git again by this repository object (a commit never changes; callers pass the ids git gave them, branch
    /// tips and the base, to most commands, and each was a process of its own: 300 for the same base in one <c>status</c>).
    /// </summary>
    public async Task<GitResult<ObjectId>> RevParseAsync(string revision, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.Revision(revision) is { } invalid)
        {
            return invalid;
        }

        if (_verifiedCommits.ContainsKey(revision))
        {
            return new ObjectId(revision);
        }

        var command = Read("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value.ExitCode == 0)
        {
            var parsed = Parse(command, run.Value, r => new ObjectId(r.Line));
            if (parsed.IsSuccess && parsed.Value.Value == revision)
            {
                _verifiedCommits.TryAdd(revision, 0);
            }

            return parsed;
        }

        if (revision == "HEAD" && await HeadCommitAsync(cancellationToken) is { IsSuccess: false } noHead)
        {
            return noHead.Error;
        }

        return GitFailure.From(command, run.Value, GitErrorKind.RefNotFound, $"No commit named '{revision}'");
    }

    private async Task<GitResult<(ObjectId A, ObjectId B)>> RevParseBothAsync(string first, string second, CancellationToken cancellationToken)
    {
        var a = await RevParseAsync(first, cancellationToken);
        if (!a.IsSuccess)
        {
            return a.Error;
        }

        var b = await RevParseAsync(second, cancellationToken);
        return b.IsSuccess ? (a.Value, b.Value) : b.Error;
    }

    private static string StripPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
