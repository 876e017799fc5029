namespace Assistant.Core.Git;

/// <summary>Making a fresh checkout cheap for git to read.</summary>
internal sealed partial class GitRepository
{
    // How far back a fresh checkout's files are dated: more than the one second by which git compares a file's time with the index's.
    private static readonly TimeSpan SettledAge = TimeSpan.FromSeconds(2);

    /// <summary>
    /// git trusts the file times it recorded in the index only for files older than the index itself ("racy git"): a file
    /// written in the same second as the index is compared by content by every command that reads the index, until an index
    /// written in a later second. A checkout git has just made is all such files, so every <c>add</c>, <c>commit</c> and
    /// <c>checkout</c> in a worktree used at once (<c>migrate --all</c> commits a flow's steps within a second) read every
    /// tracked file again: 10 of the 14 ms of a commit at 500 files. The checkout's files are dated two seconds back and the
    /// index refreshed once (one reading of every file), after which git reads only the files that change.
    /// Only time stamps move: a file changed later gets a new time as always. Symbolic links (whose time would be their
    /// target's) and nested repositories are left alone. This is a speed-up only: a file that cannot be dated, or a refresh
    /// that fails, leaves git reading by content what it would have read so anyway.
    /// </summary>
    internal async Task SettleCheckoutAsync(CancellationToken cancellationToken)
    {
        var past = DateTime.UtcNow - SettledAge;
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var folders = new Stack<string>([Root]);
        while (folders.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                if (entry.Name == ".git")
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    if (!Path.Exists(Path.Combine(directory.FullName, ".git")))
                    {
                        folders.Push(directory.FullName);
                    }
                }
                else
                {
                    Backdate(entry, past);
                }
            }
        }

        await RunAsync(Write("update-index", "-q", "--ignore-submodules", "--refresh"), cancellationToken);
    }

    private static void Backdate(FileSystemInfo file, DateTime time)
    {
        try
        {
            file.LastWriteTimeUtc = time;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Read-only or gone: git reads it by content, as it would have anyway.
        }
    }
}
