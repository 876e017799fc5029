using Assistant.Core.Git;
using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Finds the Flyte 1 / Prefect 1 code added after the migration started, from git alone: the start is the parent of
/// the oldest flowmigrate commit (on a <c>flowmigrate/*</c> branch, local or remote-tracking, or merged into the base),
/// or where a branch flowmigrate created without commits yet started (the local record). The framework-1 files of
/// today's inventory are read at that commit and scanned with the same inventory builder: a flow whose id was not
/// found there, and a framework-1 file that was not one there, are new. A branch rewritten onto a moved base starts
/// later than it first did; a renamed file counts as new.
/// </summary>
internal sealed class NewV1CodeFinder(MigrationSession session)
{
    public async Task<NewV1Code> FindAsync(CancellationToken cancellationToken)
    {
        var start = await StartAsync(cancellationToken);
        if (start is null)
        {
            return NewV1Code.None;
        }

        var v1Files = session.Inventory.Files.Where(f => IsV1(f.Framework)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var then = MigrationSession.Check(await session.Repository.TreeFilesAsync(start.Commit, (path, _) => v1Files.Contains(path), cancellationToken), SessionRefusal.GitFailed);
        var folder = Path.Combine(session.Repository.CommonDir, "flowmigrate", "start-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            foreach (var (path, bytes) in then)
            {
                var full = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllBytesAsync(full, bytes, cancellationToken);
            }

            Directory.CreateDirectory(folder);
            var inventory = await new InventoryBuilder(session.Parser, session.Options.Aliases)
                .BuildAsync(folder, then.Keys.Order(StringComparer.Ordinal).ToList(), cancellationToken: cancellationToken);
            var oldFlows = inventory.Flows.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var oldFiles = inventory.Files.Where(f => IsV1(f.Framework)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var flows = session.Inventory.Flows.Where(f => IsV1(f.Framework) && !oldFlows.Contains(f.Id)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var files = v1Files.Where(f => !oldFiles.Contains(f)).Order(StringComparer.Ordinal).ToList();
            return new NewV1Code(start, flows, files);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // status only reads: a full disk or a read-only git dir must not stop it.
            return NewV1Code.None with { Start = start, Problem = $"cannot scan the code of {start.Commit[..7]} to find new v1 code: {exception.Message}" };
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Left for the next run's disk to hold; nothing reads it.
            }
        }
    }

    private static bool IsV1(Framework framework) => framework is Framework.Flyte1 or Framework.Prefect1;

    private async Task<MigrationStart?> StartAsync(CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var candidates = new List<(string Commit, string Via)>();
        var branches = MigrationSession.Check(await repository.BranchesAsync(FlowSlug.BranchPrefix, cancellationToken), SessionRefusal.GitFailed);
        var logs = MigrationSession.Check(await repository.LogEachAsync(branches.Select(b => b.Commit).ToList(), session.BaseCommit, cancellationToken), SessionRefusal.GitFailed);
        foreach (var branch in branches)
        {
            if (Oldest(logs[branch.Commit]) is { } first)
            {
                candidates.Add((first.Parents[0].Value, $"{first.Id.Value[..7]} on {branch.ShortName}"));
            }
        }

        // Only commits whose message names the trailer can carry it: the base's whole history is not read.
        var merged = MigrationSession.Check(await repository.LogAsync(session.BaseCommit, cancellationToken: cancellationToken, messageContaining: Trailers.Flow), SessionRefusal.GitFailed);
        if (Oldest(merged) is { } earliest)
        {
            candidates.Add((earliest.Parents[0].Value, $"{earliest.Id.Value[..7]} on {session.BaseBranch}"));
        }

        var local = branches.Where(b => !b.IsRemote).Select(b => b.BranchName).ToHashSet(StringComparer.Ordinal);
        candidates.AddRange(session.Cache.Data.CreatedBranches.Where(c => local.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Value, $"the start of {c.Key}")));
        if (candidates.Count == 0)
        {
            return null;
        }

        var start = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            if (candidate.Commit != start.Commit && await repository.IsAncestorAsync(candidate.Commit, start.Commit, cancellationToken) is { IsSuccess: true, Value: true })
            {
                start = candidate;
            }
        }

        var commit = MigrationSession.Check(await repository.LogAsync(start.Commit, maxCount: 1, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
        return new MigrationStart(commit[0].Id.Value, commit[0].CommitterDate, start.Via);
    }

    // git log lists newest first: the last flowmigrate commit listed is the oldest; a root commit has no start before it.
    private static CommitInfo? Oldest(IReadOnlyList<CommitInfo> commits) =>
        commits.LastOrDefault(c => c.TrailerValues(Trailers.Flow).Count > 0 && c.Parents.Count > 0);
}
