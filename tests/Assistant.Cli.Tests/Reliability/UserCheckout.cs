namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// What the user sees of a repository: every working-tree file, the index and HEAD (the tool's own files under .git are
/// not part of it). Links are recorded by target, never followed: a link may loop or lead out of the repository.
/// </summary>
internal static class UserCheckout
{
    public static string Snapshot(string root) =>
        string.Join('\n', FileTreeSnapshot.Lines(root, relative => relative == ".git")
            .Append($"index:{FileTreeSnapshot.Hash(Path.Combine(root, ".git", "index"))}")
            .Append($"HEAD:{File.ReadAllText(Path.Combine(root, ".git", "HEAD"))}"));
}
