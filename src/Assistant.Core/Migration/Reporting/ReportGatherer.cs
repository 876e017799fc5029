using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;
using Assistant.Core.Source.Diff;

namespace Assistant.Core.Migration.Reporting;

/// <summary>
/// Gathers a <see cref="RepositoryReport"/> from a session, from git alone: each flow's status, the commits of its
/// branch (base..tip, oldest first) with the diff each made to the unit's converted files, the TODO markers at the
/// branch tip (in the base once merged), and the import and behaviour checks when asked for. The branches' commits are those
/// status read (one git log for all of them), and one cat-file per branch reads the files its diffs and TODOs need. The checks are those of all branches at once, on the
/// session's worker and <paramref name="moreCheckWorkers"/> side by side (<see cref="MigrationSession.CheckFlowsAsync"/>).
/// </summary>
internal sealed class ReportGatherer(MigrationSession session, IReadOnlyList<Python.PythonWorker>? moreCheckWorkers = null)
{
    public async Task<RepositoryReport> GatherAsync(ReportOptions options, CancellationToken cancellationToken = default)
    {
        var (statuses, histories) = await new FlowStatusReader(session).ReadWithHistoriesAsync(cancellationToken);
        var records = session.Inventory.Flows.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var byBranch = new Dictionary<string, (IReadOnlyList<StepReport> Steps, IReadOnlyList<TodoItem> Todos, FlowCheckReport? Check)>(StringComparer.Ordinal);
        var flows = new List<FlowReport>();
        var selected = statuses.Where(s => options.Flows.Count == 0 || options.Flows.Contains(s.Id)).ToList();
        var checks = options.IncludeChecks ? await ChecksAsync(selected, cancellationToken) : new Dictionary<string, FlowCheckReport?>();
        var baseCommit = session.BaseCommitId;
        foreach (var status in selected)
        {
            var unit = session.UnitOf(status.Id);
            var key = unit.Branch;
            if (!byBranch.TryGetValue(key, out var gathered))
            {
                var (tip, commits) = status.Branch is null ? (null, []) : histories[status.Branch];
                var todoRevision = status.State == FlowState.Merged ? baseCommit : tip;
                var texts = await TextsAsync(unit, options.IncludeDiffs && commits.Count > 0 ? [baseCommit, .. commits.Select(c => c.Id)] : [], todoRevision, cancellationToken);
                var steps = Steps(commits, unit, baseCommit, options.IncludeDiffs, texts);
                var todos = todoRevision is null ? [] : Todos(todoRevision, unit, texts);
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

    // The unit's files and converted files at each of the revisions, and its converted files at the TODO revision, in one git process.
    private async Task<IReadOnlyDictionary<(ObjectId Revision, string Path), string>> TextsAsync(MigrationUnit unit, IReadOnlyList<ObjectId> revisions, ObjectId? todoRevision, CancellationToken cancellationToken)
    {
        var outputs = unit.Files.Select(session.Layout.OutputPath).ToList();
        var requests = revisions.Distinct().Select(r => (r, (IReadOnlyCollection<string>)[.. outputs, .. unit.Files])).ToList();
        if (todoRevision is not null)
        {
            requests.Add((todoRevision, outputs));
        }

        var files = MigrationSession.Check(await session.Repository.ShowFilesEachAsync(requests, cancellationToken), SessionRefusal.GitFailed);
        var texts = new Dictionary<(ObjectId Revision, string Path), string>();
        for (var index = 0; index < requests.Count; index++)
        {
            foreach (var (path, content) in files[index])
            {
                texts[(requests[index].Item1, path)] = Encoding.UTF8.GetString(content);
            }
        }

        return texts;
    }

    // The branch's commits oldest first, each with the diff it made to the unit's converted files.
    private List<StepReport> Steps(IReadOnlyList<CommitInfo> commits, MigrationUnit unit, ObjectId baseCommit, bool includeDiffs, IReadOnlyDictionary<(ObjectId, string), string> texts)
    {
        var steps = new List<StepReport>();
        var previous = baseCommit;
        foreach (var commit in commits.Reverse())
        {
            var diffs = includeDiffs ? Diffs(previous, commit.Id, unit, texts) : [];
            steps.Add(new StepReport(commit.Id.Value, commit.TrailerValues(Trailers.Step).FirstOrDefault(), commit.Subject, commit.CommitterDate,
                CommitBody.Rules(commit.Message), diffs));
            previous = commit.Id;
        }

        return steps;
    }

    private List<FileDiff> Diffs(ObjectId before, ObjectId after, MigrationUnit unit, IReadOnlyDictionary<(ObjectId, string), string> texts)
    {
        var diffs = new List<FileDiff>();
        foreach (var file in unit.Files)
        {
            var output = session.Layout.OutputPath(file);
            if (!texts.TryGetValue((after, output), out var newText))
            {
                continue;
            }

            var oldPath = output;
            if (!texts.TryGetValue((before, output), out var oldText))
            {
                oldPath = file;
                oldText = texts.GetValueOrDefault((before, file)) ?? string.Empty;
            }

            var diff = TextDiffer.Compute(oldText, newText);
            if (!diff.IsEmpty)
            {
                diffs.Add(new FileDiff(oldPath, output, diff));
            }
        }

        return diffs;
    }

    private List<TodoItem> Todos(ObjectId revision, MigrationUnit unit, IReadOnlyDictionary<(ObjectId, string), string> texts) =>
        unit.Files.Select(session.Layout.OutputPath)
            .SelectMany(file => texts.TryGetValue((revision, file), out var text) ? TodoComment.Find(text).Select(t => new TodoItem(t.RuleId, file, t.Line, t.Text)) : [])
            .ToList();
}
