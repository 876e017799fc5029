using System.Security.Cryptography;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>What the user sees of a repository: every working-tree file, the index and HEAD (the tool's own files under .git are not part of it).</summary>
internal static class UserCheckout
{
    public static string Snapshot(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith(".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(root, f)}:{Hash(f)}");
        return string.Join('\n', files.Append($"index:{Hash(Path.Combine(root, ".git", "index"))}").Append($"HEAD:{File.ReadAllText(Path.Combine(root, ".git", "HEAD"))}"));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
