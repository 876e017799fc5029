using System.Security.Cryptography;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// What the user sees of a repository: every working-tree file, the index and HEAD (the tool's own files under .git are
/// not part of it). Links are recorded by target, never followed: a link may loop or lead out of the repository.
/// </summary>
internal static class UserCheckout
{
    public static string Snapshot(string root)
    {
        var entries = new List<string>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName);
                if (relative == ".git")
                {
                    continue;
                }

                if (entry.LinkTarget is { } target)
                {
                    entries.Add($"{relative} -> {target}");
                }
                else if (entry is DirectoryInfo directory)
                {
                    pending.Push(directory);
                }
                else
                {
                    entries.Add($"{relative}:{Hash(entry.FullName)}");
                }
            }
        }

        entries.Sort(StringComparer.Ordinal);
        return string.Join('\n', entries.Append($"index:{Hash(Path.Combine(root, ".git", "index"))}").Append($"HEAD:{File.ReadAllText(Path.Combine(root, ".git", "HEAD"))}"));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
