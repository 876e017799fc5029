using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// A commit's files written out under the git dir (<c>flowmigrate/base-trees/&lt;commit&gt;</c>), read from the object
/// store, for the in-place behaviour and graph checks: there the branch rewrote the files where they are, so the old
/// side is the base commit's version of them. A commit never changes, so a tree once written is reused; it is written
/// under a temporary name and renamed, so an interrupted write is never taken for a whole tree. Trees of other commits
/// are removed when a new one is written (the session's base moved on).
/// </summary>
internal sealed class BaseTree(GitRepository repository)
{
    private const string TempPrefix = ".partial-";

    private string Folder => Path.Combine(repository.CommonDir, "flowmigrate", "base-trees");

    /// <summary>The folder holding <paramref name="commit"/>'s files (a full commit id), written on first use.</summary>
    public async Task<string> MaterializeAsync(string commit, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Folder, commit);
        if (Directory.Exists(target))
        {
            return target;
        }

        var files = MigrationSession.Check(await repository.TreeFilesAsync(commit, _ => true, cancellationToken), SessionRefusal.GitFailed);
        foreach (var stale in Directory.Exists(Folder) ? Directory.EnumerateDirectories(Folder).ToList() : [])
        {
            Directory.Delete(stale, recursive: true);
        }

        var temp = Path.Combine(Folder, TempPrefix + commit + "-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(temp, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        Directory.CreateDirectory(temp);
        Directory.Move(temp, target);
        return target;
    }
}
