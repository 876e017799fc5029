namespace Assistant.Core.Git;

/// <summary>
/// Rejects caller-supplied revisions and paths git could misread. Revisions are resolved to object ids
/// before any other command sees them, and paths always follow <c>--</c> or go through stdin, so this is
/// a second line of defence against argument injection, not the only one.
/// </summary>
internal static class GitArgumentGuard
{
    public static GitError? Revision(string revision) =>
        revision.Length == 0 || revision[0] == '-' || revision.IndexOfAny(['\0', '\n', '\r']) >= 0
            ? new GitError(GitErrorKind.InvalidArgument, $"Not a usable revision: '{revision}'")
            : null;

    /// <summary>A path relative to the work tree root, '/'-separated, without <c>.</c> or <c>..</c> segments.</summary>
    public static GitError? RepoRelativePath(string path)
    {
        var usable = path.Length > 0
            && !Path.IsPathRooted(path)
            && path.IndexOfAny(['\0', '\n', '\r']) < 0
            && path.Split('/').All(segment => segment is not ("" or "." or ".."));
        return usable ? null : new GitError(GitErrorKind.InvalidArgument, $"Not a path inside the repository: '{path}'");
    }

    public static GitError? RepoRelativePaths(IEnumerable<string> paths) =>
        paths.Select(RepoRelativePath).FirstOrDefault(error => error is not null);
}
