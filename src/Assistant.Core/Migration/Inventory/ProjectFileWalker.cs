using System.IO.Enumeration;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// The Python files under a root, repo-relative with '/' separators, in ordinal order. Skips VCS,
/// virtualenv and cache folders, and never follows a symbolic link to a directory (no loops, no
/// escaping the repository). A folder holding its own <c>.git</c> (a submodule or a nested repository) is
/// listed in <c>nestedRepositories</c> so the caller can say so, and is not entered unless
/// <c>enterNestedRepositories</c> asks for it (<c>--submodules</c>): its files belong to another repository,
/// which a flow branch of this one cannot commit to.
/// </summary>
public static class ProjectFileWalker
{
    private static readonly HashSet<string> SkippedDirectories =
    [
        ".git", ".hg", ".svn", ".venv", "venv", ".env", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache",
        ".pytest_cache", ".ruff_cache", "site-packages", ".eggs", ".idea", ".vscode",
    ];

    // What the walk needs from a folder entry is its name and whether it is a folder, both given by the directory listing itself:
    // no per-entry stat or FileSystemInfo. Only folders are asked whether they are links (a few hundred lstat calls for 5,000
    // files), and hidden entries are listed like any other.
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };

    public static IReadOnlyList<string> PythonFiles(string root, IReadOnlyCollection<string>? excludedPrefixes = null, ICollection<string>? nestedRepositories = null,
        bool enterNestedRepositories = false)
    {
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        bool Excluded(string relative) =>
            excludedPrefixes?.Any(p => relative == p || relative.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal)) == true;

        var walk = new FileSystemEnumerable<string>(top, (ref entry) => Relative(top, ref entry), Options)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.EndsWith(".py", StringComparison.Ordinal)
                && (excludedPrefixes is null || !Excluded(Relative(top, ref entry))),
            ShouldRecursePredicate = (ref entry) =>
            {
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 || SkippedDirectories.Contains(entry.FileName.ToString())
                    || entry.FileName.EndsWith(".egg-info", StringComparison.Ordinal))
                {
                    return false;
                }

                var relative = Relative(top, ref entry);
                if (Excluded(relative))
                {
                    return false;
                }

                var nested = Path.Exists(Path.Join(entry.Directory, entry.FileName, ".git"));
                if (nested)
                {
                    nestedRepositories?.Add(relative);
                }

                return !nested || enterNestedRepositories;
            },
        };

        var files = walk.ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    // The entry's path relative to the walk's top folder, with '/' separators.
    private static string Relative(string top, ref FileSystemEntry entry)
    {
        var folder = entry.Directory.Length > top.Length ? entry.Directory[(Path.EndsInDirectorySeparator(top) ? top.Length : top.Length + 1)..] : [];
        var relative = folder.IsEmpty ? entry.FileName.ToString() : string.Concat(folder, "/", entry.FileName);
        return relative.Replace('\\', '/');
    }
}
