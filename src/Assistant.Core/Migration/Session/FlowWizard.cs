using Assistant.Core.Git;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// One migration unit opened in its worktree. Steps already committed or skipped are passed; steps with
/// nothing to change are passed as empty; the first step with changes is <see cref="Current"/>.
/// </summary>
internal sealed class FlowWizard : IFlowWizard
{
    private readonly MigrationSession _session;
    private readonly MigrationUnit _unit;
    private readonly Ruleset _ruleset;
    private readonly GitRepository _worktree;
    private readonly FlowPlanner _planner;
    private readonly HashSet<string> _committed;
    private readonly HashSet<string> _empty = new(StringComparer.Ordinal);

    // Every skipped step: from the branch's trailers, the local cache and this session. The cache keeps
    // only the skips no commit carries yet (they go into the next commit's trailers).
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _edits = new(StringComparer.Ordinal);
    private ProjectModel _project = ProjectModel.Empty;

    private FlowWizard(MigrationSession session, MigrationUnit unit, GitRepository worktree, BranchHistory history)
    {
        _session = session;
        _unit = unit;
        _ruleset = session.Ruleset(unit.RulesetId);
        _worktree = worktree;
        _planner = new FlowPlanner(session.Parser, session.Layout, session.FlowFiles);
        _committed = history.CommittedSteps.ToHashSet(StringComparer.Ordinal);
        _skipped.UnionWith(history.SkippedSteps);
        _skipped.UnionWith(PendingSkips);

        Flow = new FlowStatus(unit.Lead.Id, unit.Lead.Name, unit.Lead.Framework.ToString(), unit.Lead.File, unit.Lead.Tasks.Count,
            FlowState.InProgress, null, _ruleset.Steps.Count, unit.Branch, 0);
    }

    public FlowStatus Flow { get; private set; }

    public IReadOnlyList<StepView> Steps => _ruleset.Steps.Select(s => new StepView(s, StateOf(s))).ToList();

    public StepPreview? Current { get; private set; }

    public CommitPreview? PendingCommit => Current is null ? null : CommitMessage(Current, complete: false, check: null);

    private string Key => _unit.Lead.Id;

    private IReadOnlyList<string> PendingSkips => _session.Cache.Data.SkippedSteps.GetValueOrDefault(Key) ?? [];

    private IReadOnlyList<string> Disabled => _session.Cache.Data.DisabledChanges.GetValueOrDefault(Key) ?? [];

    // Rules accepted for every flow (R in the wizard), recorded for this flow by the session.
    private IReadOnlySet<string> AcceptedRules => (_session.Cache.Data.AcceptedRules.GetValueOrDefault(Key) ?? []).ToHashSet(StringComparer.Ordinal);

    public static async Task<FlowWizard> OpenAsync(MigrationSession session, MigrationUnit unit, bool rewrite, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var exists = MigrationSession.Check(await repository.RefExistsAsync("refs/heads/" + unit.Branch, cancellationToken), SessionRefusal.GitFailed);
        var history = BranchHistory.Empty;
        ReplayPlan? replay = null;
        if (exists)
        {
            var tip = MigrationSession.Check(await repository.RevParseAsync("refs/heads/" + unit.Branch, cancellationToken), SessionRefusal.GitFailed).Value;
            var commits = MigrationSession.Check(await repository.LogAsync(tip, session.BaseCommit, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
            history = BranchHistory.From(commits, unit);
            if (history.IsForeign || (commits.Count == 0 && !await BranchOwnership.IsOursAsync(session, unit, tip, cancellationToken)))
            {
                throw BranchOwnership.Refusal(unit);
            }

            replay = await BaseMove.PrepareAsync(session, unit, tip, history, rewrite, cancellationToken);
            if (replay is not null)
            {
                history = BranchHistory.Empty;
            }
        }

        var worktree = await WorktreeAsync(session, unit, exists, cancellationToken);
        FaultPoint.Reach(FaultPoint.AfterWorktree);
        var wizard = new FlowWizard(session, unit, worktree, history);
        if (replay is not null)
        {
            wizard.SkipAll(replay.SkippedSteps);
        }

        await wizard.AdvanceAsync(cancellationToken);
        if (replay is not null)
        {
            await wizard.ReplayAsync(replay, cancellationToken);
        }

        return wizard;
    }

    /// <summary>What re-planning on a new base did, when it happened: the replaced tip's ref and the step replaying stopped at, if any.</summary>
    public string? Replanned { get; private set; }

    // Replays the committed steps of a branch rewritten onto a new base, with the changes it had turned off;
    // stops at the first step it had not committed (new changes, shown to the user) or that fails.
    private async Task ReplayAsync(ReplayPlan replay, CancellationToken cancellationToken)
    {
        var replayed = 0;
        string? stopped = null;
        while (Current is { } preview && replay.CommittedSteps.Contains(preview.Step.Step.Id))
        {
            _session.Cache.Update(data =>
            {
                data.DisabledChanges[Key] = replay.DisabledChanges.ToList();
                return data;
            });
            await RefreshAsync(cancellationToken);
            var result = await AcceptAsync(cancellationToken: cancellationToken);
            if (!result.IsSuccess)
            {
                stopped = $"; replaying {preview.Step.Step.Title} failed: {result.Error}";
                break;
            }

            replayed++;
        }

        _session.Cache.Update(data =>
        {
            data.DisabledChanges.Remove(Key);
            return data;
        });
        await RefreshAsync(cancellationToken);
        Replanned = replay.ReplacedRef.Length == 0
            ? $"{_unit.Branch} started again at the new base (it had no commits)"
            : $"{_unit.Branch} re-planned on the new base: {replayed} step(s) replayed with your decisions, old tip kept as {replay.ReplacedRef}{stopped}";
    }

    private void SkipAll(IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            RecordSkip(step);
        }
    }

    public async Task ToggleAsync(ChangeKey change, CancellationToken cancellationToken = default)
    {
        var key = change.ToString();
        _session.Cache.Update(data =>
        {
            var list = (data.DisabledChanges.GetValueOrDefault(Key) ?? []).ToList();
            if (!list.Remove(key))
            {
                list.Add(key);
            }

            data.DisabledChanges[Key] = list;
            return data;
        });
        await RefreshAsync(cancellationToken);
    }

    public async Task<string?> EditAsync(string file, string text, CancellationToken cancellationToken = default)
    {
        if (file.EndsWith(".py", StringComparison.Ordinal) && await _session.Parser.CheckSyntaxAsync(file, text, cancellationToken) is { } error)
        {
            return $"{file}: {error}";
        }

        _edits[file] = text;
        await RefreshAsync(cancellationToken);
        return null;
    }

    public Task<CommitResult> AcceptAsync(bool skipHooks = false, CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(skipHooks, overridden: null, cancellationToken);

    // "Commit anyway" after a failed check: the commit records the override (check trailer "failed" and the failing lines in its body).
    public Task<CommitResult> AcceptDespiteCheckAsync(FlowCheckReport failedCheck, CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(skipHooks: false, failedCheck, cancellationToken);

    private async Task<CommitResult> AcceptCoreAsync(bool skipHooks, FlowCheckReport? overridden, CancellationToken cancellationToken)
    {
        var preview = Current ?? throw new InvalidOperationException("Every step of this flow is decided.");
        var stepId = preview.Step.Step.Id;
        var after = await new ConversionPipeline(_session.Parser).ApplyAsync(_project, preview.Outcome, cancellationToken);
        var (complete, emptyAfter) = await EmptyAfterAsync(stepId, after, cancellationToken);
        var written = await WriteAsync(preview, cancellationToken);
        string? check = overridden is null ? null : "failed";
        FlowCheckReport? passed = null;
        if (overridden is null && complete && _session.Options.ImportCheck)
        {
            // Half-migrated code cannot import: only the commit that completes the flow is checked.
            var oldRoot = await _session.OldRootAsync(_worktree.Root, "refs/heads/" + _unit.Branch, cancellationToken);
            var report = await _session.Checker.CheckAsync(_ruleset, _worktree.Root, oldRoot, _session.Layout, _unit.Files, cancellationToken);
            if (!report.Passed)
            {
                await RestoreAsync(written, cancellationToken);
                var errors = report.Findings.Where(f => f.Severity == "error").Select(f => $"{f.File}:{f.Line} {f.Message}{(f.RuleId is null ? "" : $" [{f.RuleId} produced this line]")}");
                return new CommitResult(stepId, null, "the check failed: " + string.Join("; ", errors)) { Check = report };
            }

            (check, passed) = ("passed", report);
        }

        FaultPoint.Reach(FaultPoint.BeforeCommit);
        MigrationSession.Check(await _worktree.StageAsync(written, cancellationToken), SessionRefusal.GitFailed);
        var message = CommitMessage(preview, complete, check);
        message = message with { Trailers = [.. message.Trailers, .. emptyAfter.Select(e => KeyValuePair.Create(Trailers.EmptyStep, e))] };
        if (overridden is not null)
        {
            var failures = overridden.Findings.Where(f => f.Severity == "error").Select(f => $"- {f.File}:{f.Line} {f.Message}");
            message = message with { Body = string.Join('\n', [message.Body, string.Empty, "Committed although the check failed:", .. failures]).TrimStart('\n') };
        }

        var request = new CommitRequest(message.Subject)
        {
            Body = message.Body,
            Trailers = message.Trailers.Select(t => new CommitTrailer(t.Key, t.Value)).ToList(),
            NoVerify = skipHooks,
        };
        var commit = await CommitAsync(request, cancellationToken);
        if (!commit.IsSuccess)
        {
            // Nothing is committed: the files stay written in flowmigrate's worktree and are redone on retry.
            var output = commit.Error!.GitOutput.Trim();
            return new CommitResult(stepId, null, output.Length == 0 ? commit.Error.Message : $"{commit.Error.Message}: {output}") { HookFailed = commit.Error.Kind == GitErrorKind.HookFailed };
        }

        FaultPoint.Reach(FaultPoint.AfterCommit);
        _session.NoteCommit();
        _committed.Add(stepId);
        _edits.Clear();
        _session.Cache.Update(data =>
        {
            data.SkippedSteps.Remove(Key);
            data.DisabledChanges.Remove(Key);
            return data;
        });
        await AdvanceAsync(cancellationToken);
        return new CommitResult(stepId, commit.Value.Value, null) { Check = passed };
    }

    // Hooks and signing may talk to the user: when they will run, the commit gets the terminal (if the session has one to lend).
    private async Task<GitResult<ObjectId>> CommitAsync(CommitRequest request, CancellationToken cancellationToken)
    {
        if (_session.Options.CommitTerminal is { } terminal && await _worktree.CommitInteractionAsync(request.NoVerify, cancellationToken) is { } reason)
        {
            return await terminal.LendAsync(reason, echo => _worktree.CommitAsync(request with { Terminal = echo }, cancellationToken), cancellationToken);
        }

        return await _worktree.CommitAsync(request, cancellationToken);
    }

    public async Task SkipAsync(CancellationToken cancellationToken = default)
    {
        var preview = Current ?? throw new InvalidOperationException("Every step of this flow is decided.");
        RecordSkip(preview.Step.Step.Id);
        _edits.Clear();
        await AdvanceAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CommitResult>> AcceptAllSafeAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<CommitResult>();
        while (Current is { } preview)
        {
            foreach (var change in preview.Changes.Where(c => c.IsEnabled && c.Safety != Safety.Safe && !c.IsRuleAccepted))
            {
                await ToggleAsync(change.Key, cancellationToken);
            }

            if (Current is null || Current.IsEmpty)
            {
                break;
            }

            var result = await AcceptAsync(cancellationToken: cancellationToken);
            results.Add(result);
            if (!result.IsSuccess)
            {
                break;
            }
        }

        return results;
    }

    public async Task<FlowCheckReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        var project = Current is null ? _project : await new ConversionPipeline(_session.Parser).ApplyAsync(_project, Current.Outcome, cancellationToken);
        var findings = new List<CheckFinding>();
        foreach (var (path, text) in Outputs(project).Where(o => o.Key.EndsWith(".py", StringComparison.Ordinal)))
        {
            if (await _session.Parser.CheckSyntaxAsync(path, text, cancellationToken) is { } error)
            {
                findings.Add(new CheckFinding("error", path, error.Line, error.Message, null));
            }
        }

        if (findings.Count > 0)
        {
            return new FlowCheckReport(false, findings, DateTime.UtcNow - started) { Environment = "syntax check with the repository's Python" };
        }

        // The current step is not committed yet: put its files in place for the check, then put them back.
        var written = Current is null ? [] : await WriteAsync(Current, cancellationToken);
        try
        {
            var oldRoot = await _session.OldRootAsync(_worktree.Root, "refs/heads/" + _unit.Branch, cancellationToken);
            return await _session.Checker.CheckAsync(_ruleset, _worktree.Root, oldRoot, _session.Layout, _unit.Files, cancellationToken);
        }
        finally
        {
            await RestoreAsync(written, cancellationToken);
        }
    }

    private StepState StateOf(MigrationStep step) =>
        _committed.Contains(step.Id) ? StepState.Committed
        : _skipped.Contains(step.Id) ? StepState.Skipped
        : Current?.Step.Step.Id == step.Id ? StepState.Current
        : _empty.Contains(step.Id) ? StepState.Empty
        : StepState.Pending;

    private bool IsDecided(MigrationStep step) => _committed.Contains(step.Id) || _skipped.Contains(step.Id);

    private FixPolicy Policy()
    {
        var disabled = Disabled.ToHashSet(StringComparer.Ordinal);
        return Including() with { IsExcluded = (path, finding, anchor) => disabled.Contains(new ChangeKey(finding.RuleId, path, anchor).ToString()) };
    }

    // The session's policy plus the rules accepted for every flow, whatever their safety.
    private FixPolicy Including()
    {
        var accepted = AcceptedRules;
        return accepted.Count == 0 ? _session.Options.Policy : _session.Options.Policy with { IsIncluded = (_, finding, _) => accepted.Contains(finding.RuleId) };
    }

    // Loads the branch state and moves to the first undecided step that has changes.
    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        _project = await _planner.LoadAsync(_worktree.Root, _unit, cancellationToken);
        Current = null;
        foreach (var step in _ruleset.Steps.Where(s => !IsDecided(s)))
        {
            var preview = await PreviewAsync(step, _project, cancellationToken);
            if (!preview.IsEmpty)
            {
                Current = preview;
                break;
            }

            _empty.Add(step.Id);
        }

        Flow = Flow with { State = Current is null ? FlowState.Committed : FlowState.InProgress, Step = Current is null ? null : _ruleset.Steps.ToList().FindIndex(s => s.Id == Current.Step.Step.Id) + 1 };
        if (Current is null)
        {
            await FinishAsync(cancellationToken);
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (Current is { } preview)
        {
            Current = await PreviewAsync(preview.Step.Step, _project, cancellationToken);
        }
    }

    private async Task<StepPreview> PreviewAsync(MigrationStep step, ProjectModel project, CancellationToken cancellationToken)
    {
        var preview = await _planner.PreviewAsync(_ruleset, step, StepState.Current, project, _unit, _session.RuleOptionsFor(_ruleset), Policy(), _edits, cancellationToken);
        var accepted = AcceptedRules;
        return accepted.Count == 0 ? preview : preview with
        {
            Changes = preview.Changes.Select(c => accepted.Contains(c.RuleId) && c.Safety != Safety.Manual ? c with { IsRuleAccepted = true } : c).ToList(),
        };
    }

    // Whether no later undecided step has anything to change on the project after this step, and the later
    // steps that are empty before the next one with changes (recorded, so status counts steps as the wizard does).
    private async Task<(bool Complete, List<string> Empty)> EmptyAfterAsync(string stepId, ProjectModel project, CancellationToken cancellationToken)
    {
        var empty = new List<string>();
        var later = _ruleset.Steps.SkipWhile(s => s.Id != stepId).Skip(1).Where(s => !IsDecided(s));
        foreach (var step in later)
        {
            var preview = await _planner.PreviewAsync(_ruleset, step, StepState.Pending, project, _unit, _session.RuleOptionsFor(_ruleset), Including(), new Dictionary<string, string>(), cancellationToken);
            if (!preview.IsEmpty)
            {
                return (false, empty);
            }

            empty.Add(step.Id);
        }

        return (true, empty);
    }

    // Writes the step's files (and generated files) into the worktree; returns the repo-relative paths written.
    private async Task<List<string>> WriteAsync(StepPreview preview, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var change in preview.Files.Where(f => f.IsChanged))
        {
            var encoding = _project.ModuleAt(change.Path)?.Encoding ?? SourceEncoding.Utf8;
            written.Add(await WriteFileAsync(_session.Layout.OutputPath(change.Path), encoding.GetBytes(change.After), cancellationToken));
        }

        foreach (var file in preview.Outcome.Generated)
        {
            written.Add(await WriteFileAsync(_session.Layout.OutputPath(file.Path), SourceEncoding.Utf8.GetBytes(file.Text), cancellationToken));
        }

        if (_session.Layout.IsSideBySide)
        {
            var oldFramework = _session.Inventory.Files.Where(f => Inventory.FrameworkNames.IsSource(f.Framework)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            written.AddRange(await SupportFiles.CopyAsync(_worktree.Root, _session.Layout, _unit.Files, oldFramework, cancellationToken));
        }

        return written.Distinct().ToList();
    }

    // Puts written files back as the branch has them (deleting the ones it does not have).
    private async Task RestoreAsync(IEnumerable<string> written, CancellationToken cancellationToken)
    {
        foreach (var relative in written)
        {
            var path = Path.Combine(_worktree.Root, relative);
            var committed = await _worktree.ShowFileAsync("HEAD", relative, cancellationToken);
            if (committed.IsSuccess)
            {
                await File.WriteAllBytesAsync(path, committed.Value, cancellationToken);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private async Task<string> WriteFileAsync(string relative, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_worktree.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return relative;
    }

    private IReadOnlyDictionary<string, string> Outputs(ProjectModel project) =>
        _unit.Files.Where(f => project.ModuleAt(f) is not null)
            .ToDictionary(f => _session.Layout.OutputPath(f), f => project.ModuleAt(f)!.Text, StringComparer.Ordinal);

    private CommitPreview CommitMessage(StepPreview preview, bool complete, string? check)
    {
        var step = preview.Step.Step;
        var body = new List<string>();
        var rules = preview.Changes.Where(c => c.IsEnabled).GroupBy(c => c.RuleId).Select(g => $"- {g.Key}: {g.First().Reason}{(g.Count() > 1 ? $" (×{g.Count()})" : string.Empty)}");
        body.AddRange(rules);
        if (preview.Todos.Count > 0)
        {
            body.Add(string.Empty);
            body.Add("Manual TODOs:");
            body.AddRange(preview.Todos.Select(t => $"- {t.RuleId} {_session.Layout.OutputPath(t.File)}:{t.Line}: {t.Text}"));
        }

        var trailers = new List<KeyValuePair<string, string>>();
        trailers.AddRange(_unit.Flows.Select(f => KeyValuePair.Create(Trailers.Flow, f.Id)));
        trailers.Add(KeyValuePair.Create(Trailers.Step, step.Id));
        trailers.Add(KeyValuePair.Create(Trailers.Ruleset, $"{_ruleset.Id}@{_ruleset.Manifest.Version}"));
        trailers.AddRange(PendingSkips.Select(s => KeyValuePair.Create(Trailers.SkippedStep, s)));
        trailers.AddRange(preview.Changes.Where(c => !c.IsEnabled && Disabled.Contains(c.Key.ToString())).Select(c => KeyValuePair.Create(Trailers.Skipped, c.Key.ToString())));
        var accepted = AcceptedRules;
        trailers.AddRange(preview.Changes.Where(c => c.IsEnabled && accepted.Contains(c.RuleId)).Select(c => c.RuleId).Distinct().Order(StringComparer.Ordinal)
            .Select(r => KeyValuePair.Create(Trailers.AcceptedRule, r)));
        trailers.AddRange(_edits.Keys.Order(StringComparer.Ordinal).Select(f => KeyValuePair.Create(Trailers.Edited, f)));
        if (complete)
        {
            trailers.Add(KeyValuePair.Create(Trailers.Complete, "true"));
        }

        if (check is not null)
        {
            trailers.Add(KeyValuePair.Create(Trailers.Check, check));
        }

        return new CommitPreview(_unit.Branch, $"flowmigrate: {_unit.Lead.Name} — {step.Title}", string.Join('\n', body), trailers);
    }

    private void RecordSkip(string stepId)
    {
        _skipped.Add(stepId);
        _session.Cache.Update(data =>
        {
            data.SkippedSteps[Key] = (data.SkippedSteps.GetValueOrDefault(Key) ?? []).Append(stepId).Distinct().ToList();
            return data;
        });
    }

    // The worktree exists only while the flow is worked on: once every step is decided it goes (kept for the next flow the session
    // opens, see SpareWorktree), the branch stays.
    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_committed.Count > 0 && !await _session.Spare.ParkAsync(_worktree, cancellationToken))
        {
            await _session.Repository.WorktreeRemoveAsync(_worktree.Root, force: true, cancellationToken);
        }
    }

    private static async Task<GitRepository> WorktreeAsync(MigrationSession session, MigrationUnit unit, bool branchExists, CancellationToken cancellationToken)
    {
        var repository = session.Repository;
        var path = session.WorktreePath(unit);
        var worktrees = MigrationSession.Check(await repository.WorktreeListAsync(cancellationToken), SessionRefusal.GitFailed);
        var existing = worktrees.FirstOrDefault(w => w.Branch == "refs/heads/" + unit.Branch);
        if (existing is not null && Directory.Exists(existing.Path))
        {
            // Left by an interrupted run: whatever was not committed is redone from the branch.
            var reused = MigrationSession.Check(await GitRepository.OpenAsync(repository.Executable, existing.Path, cancellationToken), SessionRefusal.GitFailed);
            MigrationSession.Check(await reused.DiscardChangesAsync(cancellationToken), SessionRefusal.GitFailed);
            return reused;
        }

        await session.WorktreeChanges.WaitAsync(cancellationToken);
        try
        {
            await repository.WorktreePruneAsync(cancellationToken);
            var spare = session.Spare.Find(worktrees, path);
            if (spare is null || Path.GetFullPath(spare) != Path.GetFullPath(path))
            {
                RefusePathInUse(path, unit);
            }

            if (!branchExists)
            {
                // Recorded first: a branch with no commits of its own is only taken for ours when recorded (see BranchOwnership).
                session.Cache.Update(data =>
                {
                    data.CreatedBranches[unit.Branch] = session.BaseCommit;
                    return data;
                });
            }

            var start = branchExists ? null : session.BaseCommit;
            if (spare is not null && await session.Spare.TakeAsync(spare, path, unit.Branch, start, cancellationToken) is { } taken)
            {
                return taken;
            }

            RefusePathInUse(path, unit);
            return MigrationSession.Check(await repository.WorktreeAddAsync(path, unit.Branch, start, cancellationToken), SessionRefusal.GitFailed);
        }
        finally
        {
            session.WorktreeChanges.Release();
        }
    }

    private static void RefusePathInUse(string path, MigrationUnit unit)
    {
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new SessionException(SessionRefusal.WorktreePathInUse, $"{path} is in use by something other than flowmigrate's worktree for {unit.Branch}; move it away");
        }
    }
}
