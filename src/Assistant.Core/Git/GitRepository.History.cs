using System.Globalization;
using System.Text;

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
    /// newest first, each with the trailers of its message; only those touching <paramref name="path"/> when given, and only
    /// those whose message contains <paramref name="messageContaining"/> (any case, as text) when given.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<CommitInfo>>> LogAsync(
        string revision, string? excluding = null, int? maxCount = null, CancellationToken cancellationToken = default, string? path = null, string? messageContaining = null)
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

        if (messageContaining is not null)
        {
            arguments.AddRange(["--fixed-strings", "--regexp-ignore-case", "--grep=" + messageContaining]);
        }

        var command = Read([.. arguments, .. range.Value, "--", .. (path is null ? Array.Empty<string>() : [path])]);
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, $"Could not read the history of {revision}", cancellationToken);
        return run.IsSuccess ? Parse(command, run.Value, r => CommitLogParser.Parse(r.StandardOutputBytes)) : run.Error;
    }

    /// <summary>
    /// For each of <paramref name="tips"/> (commit ids, e.g. branch tips), what <see cref="LogAsync"/> gives for it with
    /// <paramref name="excluding"/>: the commits reachable from it and not from <paramref name="excluding"/>, newest first. One git
    /// process reads the union of those ranges, and each tip's commits are its ancestors there (a commit between a tip and one
    /// of its commits is in the range too). Where a tip's commits are one line of descent git lists them in that line's order
    /// whatever their dates; a tip whose commits merge two lines of the range is read on its own, where git's date order decides.
    /// </summary>
    public async Task<GitResult<IReadOnlyDictionary<ObjectId, IReadOnlyList<CommitInfo>>>> LogEachAsync(
        IReadOnlyCollection<ObjectId> tips, string excluding, CancellationToken cancellationToken = default)
    {
        var excluded = await RevParseAsync(excluding, cancellationToken);
        if (!excluded.IsSuccess)
        {
            return excluded.Error;
        }

        var logs = new Dictionary<ObjectId, IReadOnlyList<CommitInfo>>();
        var distinct = tips.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return logs;
        }

        // The revisions go on stdin: any number of tips, none of them seen by git's option parser.
        var revisions = string.Concat(distinct.Select(tip => tip.Value + "\n")) + "^" + excluded.Value.Value + "\n";
        var command = Read("log", "-z", "--no-show-signature", "--no-color", "--format=tformat:" + CommitLogParser.Format, "--stdin", "--")
            with { StandardInput = Encoding.ASCII.GetBytes(revisions) };
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, $"Could not read the history of {distinct.Count} branch tip(s)", cancellationToken);
        GitResult<IReadOnlyList<CommitInfo>> union = run.IsSuccess ? Parse(command, run.Value, r => CommitLogParser.Parse(r.StandardOutputBytes)) : run.Error;
        if (!union.IsSuccess)
        {
            return union.Error;
        }

        var byId = union.Value.ToDictionary(c => c.Id);
        foreach (var tip in distinct)
        {
            if (LineOfDescent(tip, byId) is { } line)
            {
                logs[tip] = line;
                continue;
            }

            var alone = await LogAsync(tip.Value, excluded.Value.Value, cancellationToken: cancellationToken);
            if (!alone.IsSuccess)
            {
                return alone.Error;
            }

            logs[tip] = alone.Value;
        }

        return logs;
    }

    // The tip's commits in the range when each has at most one parent there (tip, its parent, that one's parent, …); null when one has two.
    private static List<CommitInfo>? LineOfDescent(ObjectId tip, Dictionary<ObjectId, CommitInfo> range)
    {
        var line = new List<CommitInfo>();
        for (var current = range.GetValueOrDefault(tip); current is not null;)
        {
            line.Add(current);
            CommitInfo? next = null;
            foreach (var parent in current.Parents)
            {
                if (range.TryGetValue(parent, out var inRange))
                {
                    if (next is not null && next != inRange)
                    {
                        return null;
                    }

                    next = inRange;
                }
            }

            current = next;
        }

        return line;
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
