using Assistant.Core.Migration.Planning;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>
/// An in-memory <see cref="IFlowWizard"/>: each step replaces whole lines of the flow's files; the preview is
/// built with the real <see cref="FileChange"/> (and so the real differ). Calls are recorded in <see cref="Calls"/>.
/// </summary>
internal sealed class FakeWizard : IFlowWizard
{
    private readonly Dictionary<string, string> _files;
    private readonly IReadOnlyList<FakeStep> _steps;
    private readonly Dictionary<string, StepState> _decided = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _edits = new(StringComparer.Ordinal);
    private int _commits;

    public FakeWizard(FlowStatus flow, IReadOnlyDictionary<string, string> files, IReadOnlyList<FakeStep> steps)
    {
        Flow = flow;
        _files = files.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _steps = steps;
        Refresh();
    }

    public List<string> Calls { get; } = [];

    public FlowCheckReport CheckReport { get; set; } = new(true, [], TimeSpan.FromSeconds(1.2)) { Environment = "stand-in from the API manifest" };

    public CommitResult? NextCommitFailure { get; set; }

    public FlowStatus Flow { get; private set; }

    public IReadOnlyList<StepView> Steps => _steps.Select(s => new StepView(s.Step,
        _decided.TryGetValue(s.Step.Id, out var state) ? state : s.Step.Id == Current?.Step.Step.Id ? StepState.Current : StepState.Pending)).ToList();

    public StepPreview? Current { get; private set; }

    public CommitPreview? PendingCommit => Current is null ? null : new CommitPreview(
        Flow.Branch!,
        $"flowmigrate: {Flow.Name} — {Current.Step.Step.Title}",
        string.Join('\n', Current.Changes.Where(c => c.IsEnabled).Select(c => $"- {c.RuleId}: {c.Reason}")),
        [KeyValuePair.Create("Flowmigrate-Flow", Flow.Id), KeyValuePair.Create("Flowmigrate-Step", Current.Step.Step.Id)]);

    public Task ToggleAsync(ChangeKey change, CancellationToken cancellationToken = default)
    {
        Calls.Add($"toggle {change}");
        if (!_disabled.Remove(change.ToString()))
        {
            _disabled.Add(change.ToString());
        }

        Refresh();
        return Task.CompletedTask;
    }

    public Task<string?> EditAsync(string file, string text, CancellationToken cancellationToken = default)
    {
        Calls.Add($"edit {file}");
        if (text.Contains("SYNTAX ERROR", StringComparison.Ordinal))
        {
            return Task.FromResult<string?>($"{file}:1: invalid syntax");
        }

        _edits[file] = text;
        Refresh();
        return Task.FromResult<string?>(null);
    }

    public Task<CommitResult> AcceptAsync(bool skipHooks = false, CancellationToken cancellationToken = default)
    {
        Calls.Add(skipHooks ? "accept --no-verify" : "accept");
        var step = Current ?? throw new InvalidOperationException("every step is decided");
        if (NextCommitFailure is { } failure)
        {
            NextCommitFailure = null;
            return Task.FromResult(failure);
        }

        foreach (var file in step.Files)
        {
            _files[file.Path] = file.After;
        }

        _decided[step.Step.Step.Id] = StepState.Committed;
        _edits.Clear();
        _commits++;
        Refresh();
        return Task.FromResult(new CommitResult(step.Step.Step.Id, $"{_commits:x7}0123456789abcdef", null));
    }

    public Task SkipAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("skip");
        _decided[Current!.Step.Step.Id] = StepState.Skipped;
        _edits.Clear();
        Refresh();
        return Task.CompletedTask;
    }

    public Task<FlowCheckReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("check");
        return Task.FromResult(CheckReport);
    }

    public async Task<IReadOnlyList<CommitResult>> AcceptAllSafeAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("accept all safe");
        var results = new List<CommitResult>();
        while (Current is { } preview)
        {
            foreach (var change in preview.Changes.Where(c => c.IsEnabled && c.Safety != Safety.Safe))
            {
                _disabled.Add(change.Key.ToString());
            }

            results.Add(await AcceptAsync(cancellationToken: cancellationToken));
        }

        return results;
    }

    public Task<CommitResult> AcceptDespiteCheckAsync(FlowCheckReport failedCheck, CancellationToken cancellationToken = default)
    {
        Calls.Add("accept despite check");
        return AcceptAsync(cancellationToken: cancellationToken);
    }

    private void Refresh()
    {
        Current = null;
        foreach (var step in _steps.Where(s => !_decided.ContainsKey(s.Step.Id)))
        {
            var preview = Preview(step);
            if (!preview.IsEmpty)
            {
                Current = preview;
                break;
            }

            _decided[step.Step.Id] = StepState.Empty;
        }

        var index = Current is null ? (int?)null : _steps.ToList().FindIndex(s => s.Step.Id == Current.Step.Step.Id) + 1;
        Flow = Flow with { State = Current is null ? FlowState.Committed : FlowState.InProgress, Step = index };
    }

    private StepPreview Preview(FakeStep step)
    {
        var files = new List<FileChange>();
        foreach (var path in step.Edits.Select(e => e.File).Distinct())
        {
            var before = _files[path];
            var lines = before.Split('\n');
            foreach (var edit in step.Edits.Where(e => e.File == path && !_disabled.Contains(e.Key.ToString())))
            {
                lines[edit.Line - 1] = edit.NewText;
            }

            var after = _edits.TryGetValue(path, out var edited) ? edited : string.Join('\n', lines);
            files.Add(new FileChange(path, before, after));
        }

        var changes = step.Edits.Select(e => new ProposedChange(e.Key, e.RuleId, e.Safety, e.Reason, e.File, e.Line, !_disabled.Contains(e.Key.ToString()))).ToList();
        var todos = step.Edits.Where(e => e.Todo is not null && !_disabled.Contains(e.Key.ToString())).Select(e => e.Todo!).ToList();
        var outcome = new StepOutcome(step.Step, files, [], step.Problems);
        return new StepPreview(new StepView(step.Step, StepState.Current), files, changes, todos, step.Problems, outcome);
    }
}
