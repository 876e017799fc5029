using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// What happens to a flow branch the base has moved past. When the base did not touch the flow's files the
/// branch goes on as it is (it still merges cleanly). When it did, the branch's steps were planned on code
/// that is gone: re-planning means rewriting the branch, done only with the user's consent
/// (<see cref="SessionOptions.Rewrite"/>, or the TUI's confirmation): the old tip is kept under <c>refs/flowmigrate/replaced/</c>, the
/// branch is moved to the new base, and the caller replays the recorded decisions there.
/// </summary>
internal static class BaseMove
{
    public const string ReplacedPrefix = "refs/flowmigrate/replaced/";

    /// <summary>The files of <paramref name="unit"/> the base changed since the branch left it; empty when it is not behind.</summary>
    public static async Task<IReadOnlyList<string>> ChangedSinceAsync(MigrationSession session, MigrationUnit unit, string tip, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        if (MigrationSession.Check(await repository.IsAncestorAsync(session.BaseCommit, tip, cancellationToken), SessionRefusal.GitFailed))
        {
            return [];
        }

        var forkPoint = MigrationSession.Check(await repository.MergeBaseAsync(tip, session.BaseCommit, cancellationToken), SessionRefusal.GitFailed);
        return (await ChangedSinceEachAsync(session, [(unit, forkPoint)], cancellationToken))[0];
    }

    /// <summary>
    /// <see cref="ChangedSinceAsync"/> for branches behind the base, each given with where it left the base (its merge base with
    /// it; null: the histories are unrelated, and all its files count as changed): one git diff per distinct fork point.
    /// </summary>
    public static async Task<IReadOnlyList<string>[]> ChangedSinceEachAsync(MigrationSession session, IReadOnlyList<(MigrationUnit Unit, ObjectId? ForkPoint)> branches,
        CancellationToken cancellationToken)
    {
        var changed = new IReadOnlyList<string>[branches.Count];
        foreach (var group in Enumerable.Range(0, branches.Count).GroupBy(index => branches[index].ForkPoint))
        {
            if (group.Key is not { } forkPoint)
            {
                foreach (var index in group)
                {
                    changed[index] = branches[index].Unit.Files;
                }

                continue;
            }

            // Without rename detection a path's answer does not depend on the other paths asked with it.
            var paths = group.SelectMany(index => branches[index].Unit.Files).Distinct(StringComparer.Ordinal).ToList();
            var names = MigrationSession.Check(await session.Repository.ChangedFilesAsync(forkPoint.Value, session.BaseCommit, paths, cancellationToken), SessionRefusal.GitFailed);
            foreach (var index in group)
            {
                var files = branches[index].Unit.Files.ToHashSet(StringComparer.Ordinal);
                changed[index] = names.Where(files.Contains).ToList();
            }
        }

        return changed;
    }

    /// <summary>Null when the branch goes on as it is; otherwise the decisions to replay on the branch, now at the base.</summary>
    public static async Task<ReplayPlan?> PrepareAsync(MigrationSession session, MigrationUnit unit, string tip, BranchHistory history, bool rewrite, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var behind = !MigrationSession.Check(await repository.IsAncestorAsync(session.BaseCommit, tip, cancellationToken), SessionRefusal.GitFailed);
        if (!behind)
        {
            return null;
        }

        if (history.Commits.Count == 0)
        {
            // Nothing committed yet: starting again at the new base loses nothing.
            await MoveAsync(session, unit, tip, cancellationToken);
            return new ReplayPlan(new HashSet<string>(), [], [], string.Empty);
        }

        var changed = await ChangedSinceAsync(session, unit, tip, cancellationToken);
        if (changed.Count == 0)
        {
            return null;
        }

        var ours = history.Commits.Where(c => c.TrailerValues(Trailers.Flow).Any(unit.Contains)).ToList();
        var flowId = unit.Lead.Id;
        if (!rewrite)
        {
            throw new SessionException(SessionRefusal.RewriteNeeded,
                $"{session.BaseBranch} changed {string.Join(", ", changed)} since {unit.Branch} was made; re-planning replays its {ours.Count} step commit(s) " +
                $"on the new base with your decisions and rewrites the branch (the old tip is kept as {ReplacedPrefix}{unit.Slug}). " +
                $"To accept: flowmigrate migrate --flow {flowId} --rewrite, or y when the wizard asks. Nothing was changed.");
        }

        var edited = ours.SelectMany(c => c.TrailerValues(Trailers.Edited)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (edited.Count > 0)
        {
            throw new SessionException(SessionRefusal.CannotReplay,
                $"{unit.Branch} holds hand edits of {string.Join(", ", edited)} that cannot be replayed on the new base; merge {session.BaseBranch} into it by hand, " +
                $"or abandon the flow (flowmigrate abandon --flow {flowId}) and migrate it again. Nothing was changed");
        }

        var replaced = ReplacedPrefix + unit.Slug;
        var previous = await repository.RevParseAsync(replaced, cancellationToken);
        MigrationSession.Check(await repository.UpdateRefAsync(replaced, tip, previous.IsSuccess ? previous.Value.Value : null, cancellationToken), SessionRefusal.GitFailed);
        await MoveAsync(session, unit, tip, cancellationToken);
        return new ReplayPlan(
            history.CommittedSteps,
            history.SkippedSteps.Order(StringComparer.Ordinal).ToList(),
            ours.SelectMany(c => c.TrailerValues(Trailers.Skipped)).Distinct().ToList(),
            replaced);
    }

    // Moves the branch to the base (its worktree goes first; the caller makes a new one there).
    private static async Task MoveAsync(MigrationSession session, MigrationUnit unit, string tip, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var worktrees = MigrationSession.Check(await repository.WorktreeListAsync(cancellationToken), SessionRefusal.GitFailed);
        foreach (var worktree in worktrees.Where(w => w.Branch == "refs/heads/" + unit.Branch))
        {
            MigrationSession.Check(await repository.WorktreeRemoveAsync(worktree.Path, force: true, cancellationToken), SessionRefusal.GitFailed);
        }

        session.Cache.Update(data =>
        {
            data.CreatedBranches[unit.Branch] = session.BaseCommit;
            return data;
        });
        MigrationSession.Check(await repository.UpdateRefAsync("refs/heads/" + unit.Branch, session.BaseCommit, tip, cancellationToken), SessionRefusal.GitFailed);
    }
}
