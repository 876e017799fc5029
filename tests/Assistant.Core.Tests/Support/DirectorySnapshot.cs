namespace Assistant.Core.Tests.Support;

/// <summary>
/// Every file of a user's checkout, byte for byte: the work tree (outside <c>.git</c>) plus the
/// index and HEAD, i.e. everything flowmigrate promises never to touch.
/// </summary>
public sealed class DirectorySnapshot
{
    private readonly SortedDictionary<string, byte[]> _files;

    private DirectorySnapshot(SortedDictionary<string, byte[]> files) => _files = files;

    public static DirectorySnapshot OfCheckout(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var gitDir = Path.Combine(root, ".git");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (!file.StartsWith(gitDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                files[Path.GetRelativePath(root, file)] = File.ReadAllBytes(file);
            }
        }

        foreach (var name in new[] { "index", "HEAD" })
        {
            var path = Path.Combine(gitDir, name);
            if (File.Exists(path))
            {
                files[".git/" + name] = File.ReadAllBytes(path);
            }
        }

        return new DirectorySnapshot(files);
    }

    /// <summary>Paths that differ between the two snapshots (added, removed or changed); empty when identical.</summary>
    public IReadOnlyList<string> DifferencesFrom(DirectorySnapshot other) =>
        _files.Keys.Union(other._files.Keys)
            .Where(path => !_files.TryGetValue(path, out var mine)
                || !other._files.TryGetValue(path, out var theirs)
                || !mine.AsSpan().SequenceEqual(theirs))
            .Order(StringComparer.Ordinal)
            .ToList();
}
