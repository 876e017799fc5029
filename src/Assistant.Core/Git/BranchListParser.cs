using System.Globalization;

namespace Assistant.Core.Git;

/// <summary>Parses <c>git for-each-ref</c> run with <see cref="Format"/>: one ref per line, fields NUL-separated.</summary>
internal static class BranchListParser
{
    public const string Format = "%(refname)%00%(objectname)%00%(upstream)%00%(committerdate:unix)%00%(symref)";

    /// <summary>Parses the branches; <paramref name="remotes"/> (configured remote names) splits <c>refs/remotes/a/b/c</c> when a remote name has a '/'.</summary>
    public static IReadOnlyList<BranchInfo> Parse(string output, IReadOnlyCollection<string> remotes)
    {
        var branches = new List<BranchInfo>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\0');
            if (fields.Length != 5)
            {
                throw new FormatException($"Unexpected line in git for-each-ref output: '{line}'");
            }

            var (fullName, objectName, upstream, unixDate, symref) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
            if (symref.Length > 0)
            {
                continue; // refs/remotes/origin/HEAD and the like are aliases, not branches.
            }

            var date = long.TryParse(unixDate, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UnixEpoch;
            branches.Add(new BranchInfo(fullName, RemoteOf(fullName, remotes), new ObjectId(objectName), date)
            {
                Upstream = upstream.Length > 0 ? upstream : null,
            });
        }

        return branches;
    }

    private static string? RemoteOf(string fullName, IReadOnlyCollection<string> remotes)
    {
        const string prefix = "refs/remotes/";
        if (!fullName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = fullName[prefix.Length..];
        return remotes
            .Where(remote => rest.StartsWith(remote + "/", StringComparison.Ordinal))
            .MaxBy(remote => remote.Length)
            ?? rest.Split('/', 2)[0];
    }
}
