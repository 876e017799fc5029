namespace Assistant.Core.Git;

/// <summary>Parses <c>git status --porcelain=v2 -z</c>. Header lines (<c># ...</c>) are skipped.</summary>
internal static class StatusParser
{
    public static IReadOnlyList<StatusEntry> Parse(byte[] output)
    {
        var fields = NulSeparated.Fields(output);
        var entries = new List<StatusEntry>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            switch (field.Length < 2 ? "" : field[..2])
            {
                case "1 ":
                    entries.Add(Tracked(StatusEntryKind.Changed, field, pathIndex: 8));
                    break;
                case "2 ":
                    var original = i + 1 < fields.Count ? fields[++i] : throw Malformed(field);
                    entries.Add(Tracked(StatusEntryKind.RenamedOrCopied, field, pathIndex: 9) with { OriginalPath = original });
                    break;
                case "u ":
                    entries.Add(Tracked(StatusEntryKind.Unmerged, field, pathIndex: 10));
                    break;
                case "? ":
                    entries.Add(new StatusEntry(StatusEntryKind.Untracked, '?', '?', field[2..]));
                    break;
                case "! ":
                    entries.Add(new StatusEntry(StatusEntryKind.Ignored, '!', '!', field[2..]));
                    break;
                case "# ":
                    break;
                default:
                    throw Malformed(field);
            }
        }

        return entries;
    }

    // "<type> <XY> <sub> ... <path>": the path is the last field and may itself contain spaces.
    private static StatusEntry Tracked(StatusEntryKind kind, string field, int pathIndex)
    {
        var parts = field.Split(' ', pathIndex + 1);
        if (parts.Length != pathIndex + 1 || parts[1].Length != 2)
        {
            throw Malformed(field);
        }

        return new StatusEntry(kind, parts[1][0], parts[1][1], parts[pathIndex]) { IsSubmodule = parts[2][0] == 'S' };
    }

    private static FormatException Malformed(string field) =>
        new($"Unexpected line in git status output: '{field}'");
}
