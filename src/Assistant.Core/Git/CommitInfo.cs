namespace Assistant.Core.Git;

/// <summary>One commit as read from <c>git log</c>, with the trailers git found in its message.</summary>
internal sealed record CommitInfo(
    ObjectId Id,
    IReadOnlyList<ObjectId> Parents,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset AuthorDate,
    DateTimeOffset CommitterDate,
    string Subject,
    string Message,
    IReadOnlyList<CommitTrailer> Trailers)
{
    /// <summary>Values of every trailer with this key, in message order (keys compare case-insensitively, as in git).</summary>
    public IReadOnlyList<string> TrailerValues(string key) =>
        Trailers.Where(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase)).Select(t => t.Value).ToList();
}
