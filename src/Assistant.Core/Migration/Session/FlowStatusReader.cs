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
    public async Task<IReadOnlyList<FlowStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var branches = MigrationSession.Check(await session.Repository.BranchesAsync(FlowSlug.BranchPrefix, cancellationToken), SessionRefusal.GitFailed);
        var units = session.Units.Select(u => (Unit: u, Branch: branches.FirstOrDefault(b => !b.IsRemote && b.BranchName == u.Branch) ?? branches.FirstOrDefault(b => b.BranchName == u.Branch))).ToList();
        var outputsOnBase = await OutputsOnBaseAsync(units.Where(u => u.Branch is null).Select(u => u.Unit), cancellationToken);
        var statuses = new List<FlowStatus>();
        foreach (var (unit, branch) in units)
        {
            var unitStatus = await UnitStatusAsync(unit, branch, outputsOnBase, cancellationToken);
            statuses.AddRange(unit.Flows.Select(flow => unitStatus with
            {
                Id = flow.Id,
                Name = flow.Name,
                Framework = FrameworkNames.Of(flow.Framework),
                File = flow.File,
                TaskCount = flow.Tasks.Count,
            }));
        }

        return [.. DependenciesFirst(statuses), .. session.SubmoduleFlowList.Select(flow => SubmoduleFlows.Status(session.Inventory, flow))];
    }

    private async Task<FlowStatus> UnitStatusAsync(MigrationUnit unit, BranchInfo? branch, IReadOnlySet<string> outputsOnBase, CancellationToken cancellationToken)
    {
        var ruleset = session.Ruleset(unit.RulesetId);
        var steps = ruleset.Steps;
        var lead = unit.Lead;
        var status = new FlowStatus(lead.Id, lead.Name, FrameworkNames.Of(lead.Framework), lead.File, lead.Tasks.Count, FlowState.NotStarted, null, steps.Count, null, 0);
        if (branch is null)
        {
            if (session.Cache.Data.SkippedFlows.Any(unit.Contains))
            {
                return status with { State = FlowState.Skipped };
            }

            var output = session.Layout.OutputPath(lead.File);
            if (!outputsOnBase.Contains(output))
            {
                return status;
            }

            // A flow of a file another flow's branch converted (side by side, the whole file is converted):
            // once that branch is merged, this flow's code is migrated in the base too.
            var last = MigrationSession.Check(await session.Repository.LogAsync(session.BaseCommit, maxCount: 1, cancellationToken: cancellationToken, path: output), SessionRefusal.GitFailed);
            var by = last.SelectMany(c => c.TrailerValues(Trailers.Flow)).FirstOrDefault();
            return by is null
                ? status with { State = FlowState.MigratedOutside, Note = $"{output} exists on {session.BaseBranch} without a flowmigrate branch" }
                : status with { State = FlowState.Merged, Todos = await TodosAsync(session.BaseCommit, unit, cancellationToken), Note = $"converted with {by} (same file), merged into the base" };
        }

        var tip = branch.Commit.Value;
        status = status with { Branch = branch.ShortName };
        var commits = MigrationSession.Check(await session.Repository.LogAsync(tip, session.BaseCommit, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
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
                return status with { State = FlowState.Merged, Todos = await TodosAsync(session.BaseCommit, unit, cancellationToken) };
            }

            return await BranchOwnership.IsOursAsync(session, unit, tip, cancellationToken)
                ? status with { State = FlowState.InProgress, Step = 1 }
                : status with { Note = $"{branch.ShortName} exists but was not made by flowmigrate; rename it to migrate this flow" };
        }

        var todos = await TodosAsync(tip, unit, cancellationToken);
        var behind = !MigrationSession.Check(await session.Repository.IsAncestorAsync(session.BaseCommit, tip, cancellationToken), SessionRefusal.GitFailed);
        var skipped = history.SkippedSteps.Concat(session.Cache.Data.SkippedSteps.GetValueOrDefault(lead.Id) ?? []).ToHashSet(StringComparer.Ordinal);
        var complete = history.IsComplete || steps.All(s => history.CommittedSteps.Contains(s.Id) || skipped.Contains(s.Id));
        if (complete && await SquashMergedAsync(tip, unit, cancellationToken))
        {
            return status with { State = FlowState.Merged, Todos = todos, Note = "its converted files are already in the base (a squash or rebase merge, or the branch of another flow of the same file)" };
        }

        // Steps with nothing to change count as passed, as in the wizard (the newest commit lists those after it).
        var lastDecided = steps.Select((s, i) => (s, i)).Where(p => history.CommittedSteps.Contains(p.s.Id) || skipped.Contains(p.s.Id) || history.EmptySteps.Contains(p.s.Id))
            .Select(p => p.i).DefaultIfEmpty(-1).Max();
        var changed = behind && !branch.IsRemote ? await BaseMove.ChangedSinceAsync(session, unit, tip, cancellationToken) : [];
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

    // Side by side, which of these units' converted files the base already holds (one git process for all of them).
    private async Task<IReadOnlySet<string>> OutputsOnBaseAsync(IEnumerable<MigrationUnit> units, CancellationToken cancellationToken) =>
        session.Layout.IsSideBySide
            ? MigrationSession.Check(await session.Repository.FilesAtAsync(session.BaseCommit, units.Select(u => session.Layout.OutputPath(u.Lead.File)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken), SessionRefusal.GitFailed)
            : new HashSet<string>();

    // Squash-merged: every converted file of the branch is already, byte for byte, in the base.
    private async Task<bool> SquashMergedAsync(string tip, MigrationUnit unit, CancellationToken cancellationToken)
    {
        var onBranch = await OutputsAtAsync(tip, unit, cancellationToken);
        var onBase = await OutputsAtAsync(session.BaseCommit, unit, cancellationToken);
        return onBranch.Count > 0 && onBranch.All(file => onBase.TryGetValue(file.Key, out var merged) && merged.AsSpan().SequenceEqual(file.Value));
    }

    private async Task<int> TodosAsync(string revision, MigrationUnit unit, CancellationToken cancellationToken) =>
        (await OutputsAtAsync(revision, unit, cancellationToken)).Values.Sum(content => TodoComment.Find(Encoding.UTF8.GetString(content)).Count());

    // The unit's converted files that revision holds, read in one go.
    private async Task<IReadOnlyDictionary<string, byte[]>> OutputsAtAsync(string revision, MigrationUnit unit, CancellationToken cancellationToken) =>
        MigrationSession.Check(await session.Repository.ShowFilesAsync(revision, unit.Files.Select(session.Layout.OutputPath).ToList(), cancellationToken), SessionRefusal.GitFailed);

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
