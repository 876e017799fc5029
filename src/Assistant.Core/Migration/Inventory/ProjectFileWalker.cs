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

    public static IReadOnlyList<string> PythonFiles(string root, IReadOnlyCollection<string>? excludedPrefixes = null, ICollection<string>? nestedRepositories = null,
        bool enterNestedRepositories = false)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos();
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (excludedPrefixes?.Any(p => relative == p || relative.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal)) == true)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (entry.LinkTarget is null && !SkippedDirectories.Contains(entry.Name) && !entry.Name.EndsWith(".egg-info", StringComparison.Ordinal))
                    {
                        var nested = Path.Exists(Path.Combine(entry.FullName, ".git"));
                        if (nested)
                        {
                            nestedRepositories?.Add(relative);
                        }

                        if (!nested || enterNestedRepositories)
                        {
                            pending.Push(entry.FullName);
                        }
                    }
                }
                else if (entry.Name.EndsWith(".py", StringComparison.Ordinal))
                {
                    files.Add(relative);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
