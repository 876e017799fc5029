namespace Assistant.Core.Git;

/// <summary>What to commit with: the message parts, an optional author, and whether to skip the user's hooks.</summary>
internal sealed record CommitRequest
{
    private readonly string _body = "";

    public CommitRequest(string subject)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.IndexOfAny(['\n', '\r', '\0']) >= 0)
        {
            throw new ArgumentException($"A commit subject is one non-empty line: '{subject}'", nameof(subject));
        }

        Subject = subject.Trim();
    }

    public string Subject { get; }

    public string Body
    {
        get => _body;
        init => _body = value.Contains('\0')
            ? throw new ArgumentException("A commit body cannot contain NUL.", nameof(value))
            : value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
    }

    public IReadOnlyList<CommitTrailer> Trailers { get; init; } = [];

    /// <summary>Overrides the author; the committer stays the user's git identity.</summary>
    public GitIdentity? Author { get; init; }

    /// <summary>Skips the pre-commit and commit-msg hooks. Only when the user asked for it.</summary>
    public bool NoVerify { get; init; }

    /// <summary>The user's terminal, lent for this commit: what hooks and signing print is copied there as it comes (and still kept for errors).</summary>
    public TextWriter? Terminal { get; init; }
}
