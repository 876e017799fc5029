using System.Security.Cryptography;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// The files below a folder, one sorted line each: <c>path:sha256</c>, or <c>path -> target</c> for a link, which is
/// recorded and never followed (a link may loop or lead out of the folder).
/// </summary>
internal static class FileTreeSnapshot
{
    public static List<string> Lines(string root, Func<string, bool> skip)
    {
        var lines = new List<string>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName);
                if (skip(relative))
                {
                    continue;
                }

                if (entry.LinkTarget is { } target)
                {
                    lines.Add($"{relative} -> {target}");
                }
                else if (entry is DirectoryInfo directory)
                {
                    pending.Push(directory);
                }
                else
                {
                    lines.Add($"{relative}:{Hash(entry.FullName)}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
