using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Finds the flows a rule still has changes for: every unit not yet committed, merged, skipped or migrated outside,
/// planned as its branch stands (the base when it has none) through the steps it has not decided, each step on the
/// previous one's output, the way the wizard would show them. Reads git only; writes nothing.
/// </summary>
internal sealed class RuleWideScan(MigrationSession session)
{
    public async Task<IReadOnlyList<MigrationUnit>> UnitsWithAsync(string ruleId, CancellationToken cancellationToken)
    {
        var statuses = await session.StatusAsync(cancellationToken);
        var open = statuses.Where(s => s.State is FlowState.NotStarted or FlowState.InProgress).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var units = new List<MigrationUnit>();
        foreach (var unit in session.Units.Where(u => u.Flows.Any(f => open.Contains(f.Id))))
        {
            var ruleset = session.Ruleset(unit.RulesetId);
            if (ruleset.Descriptors.Any(d => d.Id == ruleId) && await HasChangesAsync(unit, ruleset, ruleId, cancellationToken))
            {
                units.Add(unit);
            }
        }

        return units;
    }

    private async Task<bool> HasChangesAsync(MigrationUnit unit, Ruleset ruleset, string ruleId, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var branch = "refs/heads/" + unit.Branch;
        var revision = session.BaseCommit;
        var decided = new HashSet<string>(session.Cache.Data.SkippedSteps.GetValueOrDefault(unit.Lead.Id) ?? [], StringComparer.Ordinal);
        if (MigrationSession.Check(await repository.RefExistsAsync(branch, cancellationToken), SessionRefusal.GitFailed))
        {
            revision = MigrationSession.Check(await repository.RevParseAsync(branch, cancellationToken), SessionRefusal.GitFailed).Value;
            var history = BranchHistory.From(MigrationSession.Check(await repository.LogAsync(revision, session.BaseCommit, cancellationToken: cancellationToken), SessionRefusal.GitFailed), unit);
            decided.UnionWith(history.CommittedSteps);
            decided.UnionWith(history.SkippedSteps);
        }

        var planner = new FlowPlanner(session.Parser, session.Layout, session.FlowFiles);
        var project = await planner.LoadAsync(Planning.ProjectContextFilesReader.Read(session.Root), unit, async (path, token) =>
        {
            var file = await repository.ShowFileAsync(revision, path, token);
            return file.IsSuccess ? file.Value : null;
        }, cancellationToken);
        var options = session.RuleOptionsFor(ruleset);
        var pipeline = new ConversionPipeline(session.Parser);
        foreach (var step in ruleset.Steps.Where(s => !decided.Contains(s.Id)))
        {
            var preview = await planner.PreviewAsync(ruleset, step, StepState.Pending, project, unit, options, FixPolicy.SafeAndReview, new Dictionary<string, string>(), cancellationToken);
            if (preview.Changes.Any(c => c.RuleId == ruleId && c.Safety != Safety.Manual))
            {
                return true;
            }

            project = await pipeline.ApplyAsync(project, preview.Outcome, cancellationToken);
        }

        return false;
    }
}
