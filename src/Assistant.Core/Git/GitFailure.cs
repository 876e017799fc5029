namespace Assistant.Core.Git;

/// <summary>
/// Turns a failed git command into a <see cref="GitError"/>: conditions any command can hit
/// (not a repository, unsafe ownership, a held lock) are recognised first; otherwise the caller's kind applies.
/// Messages are matched in English because every command runs with <c>LC_ALL=C</c>.
/// </summary>
internal static class GitFailure
{
    public static GitError From(GitCommand command, GitCommandResult result, GitErrorKind kind, string message)
    {
        var (generalKind, generalMessage) = Classify(result.StandardError);
        return generalKind is { } general && general != kind
            ? GitError.FromCommand(general, generalMessage!, command, result)
            : GitError.FromCommand(kind, message, command, result);
    }

    private static (GitErrorKind? Kind, string? Message) Classify(string stderr)
    {
        if (stderr.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
        {
            return (GitErrorKind.NotARepository, "Not a git repository");
        }

        if (stderr.Contains("detected dubious ownership", StringComparison.Ordinal))
        {
            return (GitErrorKind.UnsafeRepository, "git refuses this repository because another user owns it (see `git config --global safe.directory`)");
        }

        if (stderr.Contains(".lock': File exists", StringComparison.Ordinal))
        {
            // Name the file: a linked worktree's lock is not where a user would look for it.
            var held = System.Text.RegularExpressions.Regex.Match(stderr, @"Unable to create '(?<path>[^']+\.lock)': File exists");
            var file = held.Success ? held.Groups["path"].Value : "the stale .lock file";
            return (GitErrorKind.RepositoryLocked, $"Another git process holds a lock on this repository ({file}); if none is running, remove {file}");
        }

        return (null, null);
    }
}
