using System.Globalization;

namespace Assistant.Core.Git;

/// <summary>
/// Parses <c>git log -z --format=tformat:</c><see cref="Format"/>: every commit is <see cref="FieldCount"/>
/// NUL-terminated fields. Trailers come from git's own trailer parser, one per <c>\x1f</c>, key and value split by <c>\x1e</c>.
/// </summary>
internal static class CommitLogParser
{
    public const string Format =
        "%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%s%x00%B%x00" +
        "%(trailers:only,unfold,separator=%x1f,key_value_separator=%x1e)";

    private const int FieldCount = 9;

    public static IReadOnlyList<CommitInfo> Parse(byte[] output)
    {
        var fields = NulSeparated.Fields(output);
        if (fields.Count % FieldCount != 0)
        {
            throw new FormatException($"git log printed {fields.Count} fields, not a multiple of {FieldCount}.");
        }

        return fields.Chunk(FieldCount).Select(ParseCommit).ToList();
    }

    private static CommitInfo ParseCommit(string[] f) => new(
        Id: new ObjectId(f[0]),
        Parents: f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => new ObjectId(p)).ToList(),
        AuthorName: f[2],
        AuthorEmail: f[3],
        AuthorDate: DateTimeOffset.Parse(f[4], CultureInfo.InvariantCulture),
        CommitterDate: DateTimeOffset.Parse(f[5], CultureInfo.InvariantCulture),
        Subject: f[6],
        Message: f[7].TrimEnd('\n'),
        Trailers: ParseTrailers(f[8]));

    // Git accepts trailer keys this type does not (e.g. via the user's trailer.separators); those are skipped, not fatal.
    internal static IReadOnlyList<CommitTrailer> ParseTrailers(string text) =>
        text.Split('\x1f', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('\x1e', 2))
            .Where(pair => pair.Length == 2 && CommitTrailer.IsValidKey(pair[0].Trim()) && CommitTrailer.IsValidValue(pair[1]))
            .Select(pair => new CommitTrailer(pair[0].Trim(), pair[1]))
            .ToList();
}
