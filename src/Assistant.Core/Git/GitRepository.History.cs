using System.Globalization;

namespace Assistant.Core.Git;

/// <summary>Commit history and file contents at a revision.</summary>
internal sealed partial class GitRepository
{
    /// <summary>How many commits are reachable from <paramref name="revision"/> but not from <paramref name="excluding"/>.</summary>
    public async Task<GitResult<int>> CountCommitsAsync(string revision, string? excluding = null, CancellationToken cancellationToken = default)
    {
        var range = await RangeAsync(revision, excluding, cancellationToken);
        if (!range.IsSuccess)
        {
            return range.Error;
        }

        var command = Read(["rev-list", "--count", .. range.Value, "--"]);
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, $"Could not count commits of {revision}", cancellationToken);
        return run.IsSuccess ? Parse(command, run.Value, r => int.Parse(r.Line, CultureInfo.InvariantCulture)) : run.Error;
    }

    /// <summary>
    /// Commits reachable from <paramref name="revision"/> and not from <paramref name="excluding"/>,
    /// newest first, each with the trailers of its message; only those touching <paramref name="path"/> when given.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<CommitInfo>>> LogAsync(
        string revision, string? excluding = null, int? maxCount = null, CancellationToken cancellationToken = default, string? path = null)
    {
        if (maxCount is < 0)
        {
            return new GitError(GitErrorKind.InvalidArgument, $"maxCount must not be negative: {maxCount}");
        }

        if (path is not null && GitArgumentGuard.RepoRelativePath(path) is { } invalid)
        {
            return invalid;
        }

        var range = await RangeAsync(revision, excluding, cancellationToken);
        if (!range.IsSuccess)
        {
            return range.Error;
        }

        // --no-show-signature: a user's log.showSignature would otherwise mix gpg output into ours.
        List<string> arguments = ["log", "-z", "--no-show-signature", "--no-color", "--format=tformat:" + CommitLogParser.Format];
        if (maxCount is { } max)
        {
            arguments.Add("--max-count=" + max.ToString(CultureInfo.InvariantCulture));
        }

        var command = Read([.. arguments, .. range.Value, "--", .. (path is null ? Array.Empty<string>() : [path])]);
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, $"Could not read the history of {revision}", cancellationToken);
        return run.IsSuccess ? Parse(command, run.Value, r => CommitLogParser.Parse(r.StandardOutputBytes)) : run.Error;
    }

    /// <summary>
    /// The bytes of <paramref name="path"/> (repo-relative, '/'-separated) as committed at <paramref name="revision"/>,
    /// exactly as stored: no textconv, no line-ending or filter conversion.
    /// </summary>
    public async Task<GitResult<byte[]>> ShowFileAsync(string revision, string path, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.RepoRelativePath(path) is { } invalid)
        {
            return invalid;
        }

        var commit = await RevParseAsync(revision, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        var command = Read("cat-file", "blob", $"{commit.Value}:{path}");
        var run = await RunCheckedAsync(command, GitErrorKind.PathNotFound, $"No file '{path}' at {revision}", cancellationToken);
        return run.IsSuccess ? run.Value.StandardOutputBytes : run.Error;
    }

    // Revisions are resolved to ids first, so nothing the caller passes reaches git's option parser.
    private async Task<GitResult<string[]>> RangeAsync(string revision, string? excluding, CancellationToken cancellationToken)
    {
        var tip = await RevParseAsync(revision, cancellationToken);
        if (!tip.IsSuccess)
        {
            return tip.Error;
        }

        if (excluding is null)
        {
            return new[] { tip.Value.Value };
        }

        var excluded = await RevParseAsync(excluding, cancellationToken);
        return excluded.IsSuccess ? new[] { tip.Value.Value, "^" + excluded.Value.Value } : excluded.Error;
    }
}
