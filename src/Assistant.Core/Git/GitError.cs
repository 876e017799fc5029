namespace Assistant.Core.Git;

/// <summary>
/// A failed git operation: a kind to branch on, a one-line message for the user,
/// and what git itself printed (for a failing hook: the hook's output).
/// </summary>
internal sealed record GitError(GitErrorKind Kind, string Message)
{
    /// <summary>git's stderr followed by its stdout, trimmed; empty when git never ran.</summary>
    public string GitOutput { get; init; } = "";

    /// <summary>The command as the user could retype it, e.g. <c>git worktree add -- /p main</c>.</summary>
    public string? Command { get; init; }

    public int? ExitCode { get; init; }

    public static GitError FromCommand(GitErrorKind kind, string message, GitCommand command, GitCommandResult result) =>
        new(kind, message)
        {
            GitOutput = result.CombinedOutput,
            Command = command.ToString(),
            ExitCode = result.ExitCode,
        };

    public override string ToString()
    {
        var firstLine = GitOutput.Split('\n', 2)[0].Trim();
        return firstLine.Length == 0 || Message.Contains(firstLine, StringComparison.Ordinal)
            ? Message
            : $"{Message}: {firstLine}";
    }
}
