namespace Assistant.Core.Migration.Session;

/// <summary>
/// Whether a <c>flowmigrate/*</c> branch with no commits of its own past the base is flowmigrate's: recorded
/// as created by it at that commit, checked out in its worktree, or its tip is one of its commits for the
/// unit (merged). A branch someone made by hand at the base is none of these.
/// </summary>
internal static class BranchOwnership
{
    public static async Task<bool> IsOursAsync(MigrationSession session, MigrationUnit unit, string tip, CancellationToken cancellationToken)
    {
        if (session.Cache.Data.CreatedBranches.TryGetValue(unit.Branch, out var created) && created == tip)
        {
            return true;
        }

        var worktrees = MigrationSession.Check(await session.Repository.WorktreeListAsync(cancellationToken), SessionRefusal.GitFailed);
        var ownPath = Path.GetFullPath(session.WorktreePath(unit));
        if (worktrees.Any(w => w.Branch == "refs/heads/" + unit.Branch && Path.GetFullPath(w.Path) == ownPath))
        {
            return true;
        }

        var last = MigrationSession.Check(await session.Repository.LogAsync(tip, maxCount: 1, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
        return last.Count == 1 && last[0].TrailerValues(Trailers.Flow).Any(unit.Contains);
    }

    public static SessionException Refusal(MigrationUnit unit) =>
        new(SessionRefusal.ForeignBranch, $"branch {unit.Branch} exists but was not made by flowmigrate; rename or delete it to migrate {unit.Lead.Id}");
}
