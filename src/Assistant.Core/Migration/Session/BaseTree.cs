using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// A commit's files written out under the git dir (<c>flowmigrate/base-trees/&lt;commit&gt;</c>), read from the object
/// store, for the in-place behaviour and graph checks: there the branch rewrote the files where they are, so the old
/// side is the base commit's version of them. A commit never changes, so a tree once written is reused; it is written
/// under a temporary name and renamed, so an interrupted write is never taken for a whole tree. Files larger than
/// <see cref="MaxFileBytes"/> (data, not code an import reads) are left out. The <see cref="Kept"/> most recently used
/// trees are kept (branches of one repository may start at different commits); older ones are removed.
/// </summary>
internal sealed class BaseTree(GitRepository repository)
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    public const int Kept = 8;
    private const string TempPrefix = ".partial-";

    private string Folder => Path.Combine(repository.CommonDir, "flowmigrate", "base-trees");

    /// <summary>The folder holding <paramref name="commit"/>'s files (a full commit id), written on first use.</summary>
    public async Task<string> MaterializeAsync(string commit, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Folder, commit);
        if (Directory.Exists(target))
        {
            Directory.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            return target;
        }

        var files = MigrationSession.Check(await repository.TreeFilesAsync(commit, (_, size) => size <= MaxFileBytes, cancellationToken), SessionRefusal.GitFailed);
        var temp = Path.Combine(Folder, TempPrefix + commit + "-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(temp, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes, cancellationToken);
        }

        Directory.CreateDirectory(temp);
        Directory.Move(temp, target);
        Prune(target);
        return target;
    }

    // Partial trees left by an interrupted write, and all but the most recently used whole ones.
    private void Prune(string keep)
    {
        var trees = new DirectoryInfo(Folder).EnumerateDirectories().Where(d => d.FullName != keep).ToList();
        var stale = trees.Where(d => d.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
            .Concat(trees.Where(d => !d.Name.StartsWith(TempPrefix, StringComparison.Ordinal)).OrderByDescending(d => d.LastWriteTimeUtc).Skip(Kept - 1));
        foreach (var directory in stale)
        {
            directory.Delete(recursive: true);
        }
    }
}
