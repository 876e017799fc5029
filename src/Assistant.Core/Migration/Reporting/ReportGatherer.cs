using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;
using Assistant.Core.Source.Diff;

namespace Assistant.Core.Migration.Reporting;

/// <summary>
/// Gathers a <see cref="RepositoryReport"/> from a session, from git alone: each flow's status, the commits of its
/// branch (base..tip, oldest first) with the diff each made to the unit's converted files, the TODO markers at the
/// branch tip (in the base once merged), and the import and behaviour checks when asked for: those of all branches at once, on the
/// session's worker and <paramref name="moreCheckWorkers"/> side by side (<see cref="MigrationSession.CheckFlowsAsync"/>).
/// </summary>
internal sealed class ReportGatherer(MigrationSession session, IReadOnlyList<Python.PythonWorker>? moreCheckWorkers = null)
{
    public async Task<RepositoryReport> GatherAsync(ReportOptions options, CancellationToken cancellationToken = default)
    {
        var statuses = await session.StatusAsync(cancellationToken);
        var records = session.Inventory.Flows.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var byBranch = new Dictionary<string, (IReadOnlyList<StepReport> Steps, IReadOnlyList<TodoItem> Todos, FlowCheckReport? Check)>(StringComparer.Ordinal);
        var flows = new List<FlowReport>();
        var selected = statuses.Where(s => options.Flows.Count == 0 || options.Flows.Contains(s.Id)).ToList();
        var checks = options.IncludeChecks ? await ChecksAsync(selected, cancellationToken) : new Dictionary<string, FlowCheckReport?>();
        foreach (var status in selected)
        {
            var unit = session.UnitOf(status.Id);
            var key = unit.Branch;
            if (!byBranch.TryGetValue(key, out var gathered))
            {
                var steps = status.Branch is null ? [] : await StepsAsync(status.Branch, unit, options.IncludeDiffs, cancellationToken);
                var revision = status.State == FlowState.Merged ? session.BaseCommit : status.Branch;
                var todos = revision is null ? [] : await TodosAsync(revision, unit, cancellationToken);
                byBranch[key] = gathered = (steps, todos, checks.GetValueOrDefault(key));
            }

            var line = records.TryGetValue(status.Id, out var record) ? record.Line : 1;
            flows.Add(new FlowReport(status, line, gathered.Steps, gathered.Todos)
            {
                Check = gathered.Check,
                Checked = options.IncludeChecks && gathered.Check is not null,
                UnitFiles = unit.Files,
            });
        }

        return new RepositoryReport(session.Root, session.BaseBranch, session.BaseCommit, session.Mode, session.PrefectTarget, flows);
    }

    // The check of each branch the flows are on (the first of its flows stands for it), by branch.
    private async Task<Dictionary<string, FlowCheckReport?>> ChecksAsync(IReadOnlyList<FlowStatus> flows, CancellationToken cancellationToken)
    {
        var branches = flows.Where(s => s.Branch is not null).DistinctBy(s => session.UnitOf(s.Id).Branch, StringComparer.Ordinal).ToList();
        var reports = await session.CheckFlowsAsync(branches.Select(s => s.Id).ToList(), moreCheckWorkers ?? [], cancellationToken);
        return branches.Select((s, i) => (session.UnitOf(s.Id).Branch, reports[i])).ToDictionary(p => p.Branch, p => p.Item2, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<StepReport>> StepsAsync(string branch, MigrationUnit unit, bool includeDiffs, CancellationToken cancellationToken)
    {
        var commits = MigrationSession.Check(await session.Repository.LogAsync(branch, session.BaseCommit, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
        var steps = new List<StepReport>();
        var previous = session.BaseCommit;
        foreach (var commit in commits.Reverse())
        {
            var diffs = includeDiffs ? await DiffsAsync(previous, commit.Id.Value, unit, cancellationToken) : [];
            steps.Add(new StepReport(commit.Id.Value, commit.TrailerValues(Trailers.Step).FirstOrDefault(), commit.Subject, commit.CommitterDate,
                CommitBody.Rules(commit.Message), diffs));
            previous = commit.Id.Value;
        }

        return steps;
    }

    private async Task<IReadOnlyList<FileDiff>> DiffsAsync(string before, string after, MigrationUnit unit, CancellationToken cancellationToken)
    {
        var diffs = new List<FileDiff>();
        foreach (var file in unit.Files)
        {
            var output = session.Layout.OutputPath(file);
            var newText = await TextAsync(after, output, cancellationToken);
            if (newText is null)
            {
                continue;
            }

            var oldPath = output;
            var oldText = await TextAsync(before, output, cancellationToken);
            if (oldText is null)
            {
                oldPath = file;
                oldText = await TextAsync(before, file, cancellationToken) ?? string.Empty;
            }

            var diff = TextDiffer.Compute(oldText, newText);
            if (!diff.IsEmpty)
            {
                diffs.Add(new FileDiff(oldPath, output, diff));
            }
        }

        return diffs;
    }

    private async Task<IReadOnlyList<TodoItem>> TodosAsync(string revision, MigrationUnit unit, CancellationToken cancellationToken)
    {
        var todos = new List<TodoItem>();
        foreach (var file in unit.Files.Select(session.Layout.OutputPath))
        {
            if (await TextAsync(revision, file, cancellationToken) is { } text)
            {
                todos.AddRange(TodoComment.Find(text).Select(t => new TodoItem(t.RuleId, file, t.Line, t.Text)));
            }
        }

        return todos;
    }

    private async Task<string?> TextAsync(string revision, string path, CancellationToken cancellationToken)
    {
        var content = await session.Repository.ShowFileAsync(revision, path, cancellationToken);
        return content.IsSuccess ? Encoding.UTF8.GetString(content.Value) : null;
    }
}
