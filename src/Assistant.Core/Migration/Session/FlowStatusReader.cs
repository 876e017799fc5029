using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Migration.Inventory;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Derives every flow's status from git: its branch (local, else remote-tracking), the trailers of the
/// branch's commits, ancestry with the base (merged), the base already holding the branch's converted
/// files (squash-merged), and the TODO markers on the branch. The local cache only adds decisions no
/// commit carries yet (trailing skipped steps, skipped flows).
/// </summary>
internal sealed class FlowStatusReader(MigrationSession session)
{
    // git processes at once for questions git answers one at a time (a file's last change, a merge base): mostly waiting on
    // the disk and on process start-up, not on a core.
    private const int ParallelGit = 4;

    public async Task<IReadOnlyList<FlowStatus>> ReadAsync(CancellationToken cancellationToken) => (await ReadWithHistoriesAsync(cancellationToken)).Statuses;

    /// <summary>The statuses, and for each branch a flow is on (by the short name its status gives) the tip and the commits past
    /// the base, newest first, that they were read from.</summary>
    public async Task<(IReadOnlyList<FlowStatus> Statuses, IReadOnlyDictionary<string, (ObjectId Tip, IReadOnlyList<CommitInfo> Commits)> Histories)> ReadWithHistoriesAsync(
        CancellationToken cancellationToken)
    {
        var branches = MigrationSession.Check(await session.Repository.BranchesAsync(FlowSlug.BranchPrefix, cancellationToken), SessionRefusal.GitFailed);
        var units = session.Units.Select(u => (Unit: u, Branch: branches.FirstOrDefault(b => !b.IsRemote && b.BranchName == u.Branch) ?? branches.FirstOrDefault(b => b.BranchName == u.Branch))).ToList();
        var snapshots = await SnapshotsAsync(units, cancellationToken);
        var changedOnBase = await ChangedOnBaseAsync(units, snapshots, cancellationToken);
        var onBase = await ConvertedOnBaseAsync(units.Select(u => u.Branch is null && !IsSkipped(u.Unit) ? u.Unit : null).ToList(), cancellationToken);
        var statuses = new List<FlowStatus>();
        var histories = new Dictionary<string, (ObjectId Tip, IReadOnlyList<CommitInfo> Commits)>(StringComparer.Ordinal);
        for (var index = 0; index < units.Count; index++)
        {
            var (unit, branch) = units[index];
            if (branch is not null && snapshots[index] is { } snapshot)
            {
                histories[branch.ShortName] = (branch.Commit, snapshot.Commits);
            }

            var unitStatus = await UnitStatusAsync(unit, branch, snapshots[index], changedOnBase[index], onBase[index], cancellationToken);
            statuses.AddRange(unit.Flows.Select(flow => unitStatus with
            {
                Id = flow.Id,
                Name = flow.Name,
                Framework = FrameworkNames.Of(flow.Framework),
                File = flow.File,
                TaskCount = flow.Tasks.Count,
            }));
        }

        return ([.. DependenciesFirst(statuses), .. session.SubmoduleFlowList.Select(flow => SubmoduleFlows.Status(session.Inventory, flow))], histories);
    }

    private async Task<FlowStatus> UnitStatusAsync(MigrationUnit unit, BranchInfo? branch, BranchSnapshot? snapshot, IReadOnlyList<string>? changedOnBase,
        (IReadOnlyList<CommitInfo> LastChange, IReadOnlyDictionary<string, byte[]> Outputs)? onBase, CancellationToken cancellationToken)
    {
        var ruleset = session.Ruleset(unit.RulesetId);
        var steps = ruleset.Steps;
        var lead = unit.Lead;
        var status = new FlowStatus(lead.Id, lead.Name, FrameworkNames.Of(lead.Framework), lead.File, lead.Tasks.Count, FlowState.NotStarted, null, steps.Count, null, 0);
        if (branch is null || snapshot is null)
        {
            if (IsSkipped(unit))
            {
                return status with { State = FlowState.Skipped };
            }

            if (onBase is not { } converted)
            {
                return status;
            }

            // A flow of a file another flow's branch converted (side by side, the whole file is converted):
            // once that branch is merged, this flow's code is migrated in the base too.
            var by = converted.LastChange.SelectMany(c => c.TrailerValues(Trailers.Flow)).FirstOrDefault();
            return by is null
                ? status with { State = FlowState.MigratedOutside, Note = $"{session.Layout.OutputPath(lead.File)} exists on {session.BaseBranch} without a flowmigrate branch" }
                : status with { State = FlowState.Merged, Todos = Todos(converted.Outputs), Note = $"converted with {by} (same file), merged into the base" };
        }

        var tip = branch.Commit.Value;
        status = status with { Branch = branch.ShortName };
        var commits = snapshot.Commits;
        var history = BranchHistory.From(commits, unit);
        if (history.IsForeign)
        {
            return status with { Note = $"{branch.ShortName} exists but was not made by flowmigrate; rename it to migrate this flow" };
        }

        if (commits.Count == 0)
        {
            var last = MigrationSession.Check(await session.Repository.LogAsync(tip, maxCount: 1, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
            if (last.Count == 1 && last[0].TrailerValues(Trailers.Flow).Any(unit.Contains))
            {
                return status with { State = FlowState.Merged, Todos = Todos(snapshot.OutputsOnBase) };
            }

            return await BranchOwnership.IsOursAsync(session, unit, tip, cancellationToken)
                ? status with { State = FlowState.InProgress, Step = 1 }
                : status with { Note = $"{branch.ShortName} exists but was not made by flowmigrate; rename it to migrate this flow" };
        }

        var todos = Todos(snapshot.OutputsAtTip);
        var behind = !snapshot.ContainsBase;
        var skipped = history.SkippedSteps.Concat(session.Cache.Data.SkippedSteps.GetValueOrDefault(lead.Id) ?? []).ToHashSet(StringComparer.Ordinal);
        var complete = history.IsComplete || steps.All(s => history.CommittedSteps.Contains(s.Id) || skipped.Contains(s.Id));
        if (complete && SquashMerged(snapshot))
        {
            return status with { State = FlowState.Merged, Todos = todos, Note = "its converted files are already in the base (a squash or rebase merge, or the branch of another flow of the same file)" };
        }

        // Steps with nothing to change count as passed, as in the wizard (the newest commit lists those after it).
        var lastDecided = steps.Select((s, i) => (s, i)).Where(p => history.CommittedSteps.Contains(p.s.Id) || skipped.Contains(p.s.Id) || history.EmptySteps.Contains(p.s.Id))
            .Select(p => p.i).DefaultIfEmpty(-1).Max();
        var changed = changedOnBase ?? [];
        return status with
        {
            Note = changed.Count == 0 ? status.Note
                : $"{session.BaseBranch} changed {string.Join(", ", changed)} since the branch was made: `flowmigrate migrate --flow {lead.Id} --rewrite` re-plans it on the new base (rewrites the branch)",
            State = complete ? FlowState.Committed : FlowState.InProgress,
            Step = complete ? null : Math.Min(lastDecided + 2, steps.Count),
            Todos = todos,
            IsBehindBase = behind,
        };
    }

    // Every branch's snapshot (null for a unit without one), read with three git processes whatever their number: the
    // branches' commits past the base, and their units' converted files at their tips and on the base.
    private async Task<BranchSnapshot?[]> SnapshotsAsync(IReadOnlyList<(MigrationUnit Unit, BranchInfo? Branch)> units, CancellationToken cancellationToken)
    {
        var branched = units.Select((u, index) => (u.Unit, u.Branch, Index: index)).Where(u => u.Branch is not null).ToList();
        var snapshots = new BranchSnapshot?[units.Count];
        if (branched.Count == 0)
        {
            return snapshots;
        }

        var repository = session.Repository;
        var baseCommit = session.BaseCommitId;
        var logs = MigrationSession.Check(await repository.LogEachAsync(branched.Select(b => b.Branch!.Commit).ToList(), session.BaseCommit, cancellationToken), SessionRefusal.GitFailed);
        var requests = branched.SelectMany(b => new[] { (b.Branch!.Commit, OutputPaths(b.Unit)), (baseCommit, OutputPaths(b.Unit)) }).ToList();
        var files = MigrationSession.Check(await repository.ShowFilesEachAsync(requests, cancellationToken), SessionRefusal.GitFailed);
        for (var k = 0; k < branched.Count; k++)
        {
            var (_, branch, index) = branched[k];
            var commits = logs[branch!.Commit];
            snapshots[index] = new BranchSnapshot(commits, files[2 * k], files[(2 * k) + 1], BranchSnapshot.Reaches(branch.Commit, commits, baseCommit));
        }

        return snapshots;
    }

    // For each local branch with commits of its own that the base has moved past, the unit's files the base changed since the
    // branch left it (null for the others): the merge bases side by side (git's answer, not one read from the branch's commits:
    // with commit dates running backwards git's range may hold commits the base reaches), and one git diff for all the branches
    // that left at one commit.
    private async Task<IReadOnlyList<string>?[]> ChangedOnBaseAsync(IReadOnlyList<(MigrationUnit Unit, BranchInfo? Branch)> units, BranchSnapshot?[] snapshots,
        CancellationToken cancellationToken)
    {
        var changed = new IReadOnlyList<string>?[units.Count];
        var behind = Enumerable.Range(0, units.Count)
            .Where(i => snapshots[i] is { ContainsBase: false, Commits.Count: > 0 } snapshot && !units[i].Branch!.IsRemote && !BranchHistory.From(snapshot.Commits, units[i].Unit).IsForeign)
            .ToList();
        var forkPoints = new ObjectId?[behind.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, behind.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelGit, CancellationToken = cancellationToken }, async (k, token) =>
            forkPoints[k] = MigrationSession.Check(await session.Repository.MergeBaseAsync(units[behind[k]].Branch!.Commit.Value, session.BaseCommit, token), SessionRefusal.GitFailed));
        var answers = await BaseMove.ChangedSinceEachAsync(session, behind.Select((index, k) => (units[index].Unit, forkPoints[k])).ToList(), cancellationToken);
        for (var k = 0; k < behind.Count; k++)
        {
            changed[behind[k]] = answers[k];
        }

        return changed;
    }

    // Squash-merged: every converted file of the branch is already, byte for byte, in the base.
    private static bool SquashMerged(BranchSnapshot snapshot) =>
        snapshot.OutputsAtTip.Count > 0 && snapshot.OutputsAtTip.All(file => snapshot.OutputsOnBase.TryGetValue(file.Key, out var merged) && merged.AsSpan().SequenceEqual(file.Value));

    // Side by side, for each unit given (null: none) whose lead file's converted file the base already holds (a flow of a file
    // another flow's branch converted and that was merged), the newest commit of the base that changed that file and the unit's
    // converted files on the base: the files of all of them in one git process, the logs side by side (each follows its own file).
    private async Task<(IReadOnlyList<CommitInfo> LastChange, IReadOnlyDictionary<string, byte[]> Outputs)?[]> ConvertedOnBaseAsync(
        IReadOnlyList<MigrationUnit?> units, CancellationToken cancellationToken)
    {
        var found = new (IReadOnlyList<CommitInfo>, IReadOnlyDictionary<string, byte[]>)?[units.Count];
        var given = units.Select((unit, index) => (Unit: unit, Index: index)).Where(u => u.Unit is not null).ToList();
        if (given.Count == 0 || !session.Layout.IsSideBySide)
        {
            return found;
        }

        var files = MigrationSession.Check(await session.Repository.ShowFilesEachAsync(given.Select(u => (session.BaseCommitId, OutputPaths(u.Unit!))).ToList(), cancellationToken), SessionRefusal.GitFailed);
        var converted = given.Select((u, k) => (u.Index, Output: session.Layout.OutputPath(u.Unit!.Lead.File), Files: files[k])).Where(u => u.Files.ContainsKey(u.Output)).ToList();
        var changes = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<CommitInfo>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(converted.Select(u => u.Output).Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = ParallelGit, CancellationToken = cancellationToken }, async (output, token) =>
            changes[output] = MigrationSession.Check(await session.Repository.LogAsync(session.BaseCommit, maxCount: 1, cancellationToken: token, path: output), SessionRefusal.GitFailed));
        foreach (var (index, output, outputs) in converted)
        {
            found[index] = (changes[output], outputs);
        }

        return found;
    }

    private bool IsSkipped(MigrationUnit unit) => session.Cache.Data.SkippedFlows.Any(unit.Contains);

    private static int Todos(IReadOnlyDictionary<string, byte[]> outputs) =>
        outputs.Values.Sum(content => TodoComment.Find(Encoding.UTF8.GetString(content)).Count());

    private IReadOnlyCollection<string> OutputPaths(MigrationUnit unit) => unit.Files.Select(session.Layout.OutputPath).ToList();

    // Subflows and launched flows before the flows that need them; otherwise file order.
    private IReadOnlyList<FlowStatus> DependenciesFirst(List<FlowStatus> statuses)
    {
        var calls = session.Inventory.Flows.ToDictionary(f => f.Id, f => f.Calls, StringComparer.Ordinal);
        var ordered = new List<FlowStatus>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var byId = statuses.ToDictionary(s => s.Id, StringComparer.Ordinal);
        void Place(FlowStatus status, HashSet<string> visiting)
        {
            if (placed.Contains(status.Id) || !visiting.Add(status.Id))
            {
                return;
            }

            foreach (var dependency in calls.GetValueOrDefault(status.Id) ?? [])
            {
                if (byId.TryGetValue(dependency, out var other))
                {
                    Place(other, visiting);
                }
            }

            placed.Add(status.Id);
            ordered.Add(status);
        }

        foreach (var status in statuses.OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            Place(status, []);
        }

        return ordered;
    }
}
