using Assistant.Core.Git;
using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session.Config;
using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Loading;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// The session engine over git: one branch per migration unit (<c>flowmigrate/&lt;slug&gt;</c>), worked
/// on in a worktree under the git dir so the user's checkout, index and untracked files are never
/// touched; one commit per accepted step, with trailers that let <see cref="StatusAsync"/> be derived
/// from git alone.
/// </summary>
internal sealed class MigrationSession : IMigrationSession, IRuleWideDecisions, IPrefectTargetChoice
{
    private readonly GitRepository _repository;
    private readonly PythonWorker _worker;
    private readonly SessionOptions _options;
    private readonly Dictionary<string, Ruleset> _rulesets = new(StringComparer.Ordinal);

    private readonly SessionLock _lock;

    // Worktrees added, moved or pruned (the wizard's, the checks': a left one removed, the rest pruned) and base trees written out:
    // one at a time, also when checks run side by side.
    private readonly SemaphoreSlim _worktreeChanges = new(1, 1);
    private bool _committedAny;
    private int _disposed;

    // The unit opened last (the wizard's flow) and the last rule-wide scan, which confirming R reuses.
    private string? _openUnit;
    private (string RuleId, IReadOnlyList<MigrationUnit> Units)? _ruleScan;

    private MigrationSession(GitRepository repository, PythonWorker worker, SessionOptions options, RepositoryConfig config,
        string baseBranch, string baseCommit, RepositoryInventory inventory, IReadOnlyList<FlowRecord> submoduleFlows, IReadOnlyList<MigrationUnit> units,
        SessionLock sessionLock)
    {
        SubmoduleFlowList = submoduleFlows;
        _lock = sessionLock;
        _repository = repository;
        _worker = worker;
        _options = options;
        Config = config;
        BaseBranch = baseBranch;
        BaseCommit = baseCommit;
        BaseCommitId = new ObjectId(baseCommit);
        Inventory = inventory;
        Units = units;
        PrefectTarget = options.PrefectTarget ?? config.PrefectTarget;
        Layout = new TreeLayout(Mode, config.ParallelTree);
        Cache = SessionCache.Load(repository.CommonDir);
        StandInCache = Path.Combine(repository.CommonDir, "flowmigrate", "standins");
        Checker = new FlowChecker(worker, StandInCache, options.CheckTimeout);
        Spare = new SpareWorktree(repository, Path.Combine(repository.CommonDir, "flowmigrate", "worktrees"));
    }

    /// <summary>A finished flow's worktree kept for the next flow (see <see cref="SpareWorktree"/>).</summary>
    internal SpareWorktree Spare { get; }

    /// <summary>Held while worktrees are added, moved or pruned: git's own bookkeeping of them is not safe from two at once.</summary>
    internal SemaphoreSlim WorktreeChanges => _worktreeChanges;

    public string Root => _repository.Root;

    public string BaseBranch { get; }

    public string BaseCommit { get; }

    /// <summary><see cref="BaseCommit"/>, the full commit id the base branch pointed at when the session opened.</summary>
    internal ObjectId BaseCommitId { get; }

    public string PrefectTarget { get; private set; }

    public string Mode => _options.Mode ?? Config.Mode;

    public RepositoryInventory Inventory { get; }

    private IReadOnlyList<string>? _flowFiles;

    public RepositoryConfig Config { get; }

    internal IReadOnlyList<MigrationUnit> Units { get; private set; }

    /// <summary>Flows in submodules (scanned with <c>--submodules</c>): listed, never migrated from here (<see cref="SubmoduleFlows"/>).</summary>
    internal IReadOnlyList<FlowRecord> SubmoduleFlowList { get; }

    internal TreeLayout Layout { get; }

    internal SessionCache Cache { get; }

    internal FlowChecker Checker { get; }

    /// <summary>Where the checks' stand-in packages are generated (a tree is written aside and renamed into place, so checkers share it).</summary>
    private string StandInCache { get; }

    internal GitRepository Repository => _repository;

    internal SessionOptions Options => _options;

    internal ModuleParser Parser => new(_worker);

    /// <summary>The files that define the repository's flows, each once, in path order.</summary>
    internal IReadOnlyList<string> FlowFiles => _flowFiles ??= Inventory.Flows.Select(f => f.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static async Task<IMigrationSession> OpenAsync(SessionOptions options, PythonWorker worker, CancellationToken cancellationToken = default)
    {
        var repository = Check(await GitRepository.OpenAsync(options.Root, cancellationToken), SessionRefusal.NotARepository);
        var state = repository.GetState();
        if (!state.IsIdle)
        {
            throw new SessionException(SessionRefusal.OperationInProgress, $"{state.Describe()} in {repository.Root}; finish or abort it first (nothing was changed)");
        }

        var head = Check(await repository.HeadAsync(cancellationToken), SessionRefusal.GitFailed);
        if (head.IsUnborn)
        {
            throw new SessionException(SessionRefusal.NoCommits, $"{repository.Root} has no commits yet; commit your flows first, flowmigrate branches start from a commit");
        }

        var sessionLock = SessionLock.Acquire(repository.CommonDir);
        try
        {
            return await OpenLockedAsync(options, worker, repository, head, sessionLock, cancellationToken);
        }
        catch
        {
            sessionLock.Dispose();
            throw;
        }
    }

    private static async Task<IMigrationSession> OpenLockedAsync(SessionOptions options, PythonWorker worker, GitRepository repository, HeadInfo head,
        SessionLock sessionLock, CancellationToken cancellationToken)
    {
        RepositoryConfig config;
        try
        {
            config = RepositoryConfigFile.Load(repository.Root);
        }
        catch (RepositoryConfigException exception)
        {
            throw new SessionException(SessionRefusal.InvalidConfig, exception.Message);
        }

        var baseBranch = options.BaseRef ?? config.BaseBranch ?? head.Branch
            ?? throw new SessionException(SessionRefusal.DetachedHead, "HEAD is detached; check out the branch to migrate from, or pass --base REF");
        var baseCommit = Check(await repository.RevParseAsync(baseBranch, cancellationToken), SessionRefusal.GitFailed).Value;
        var excluded = config.Exclude.Append(config.ParallelTree).ToList();
        var nested = new List<string>();
        var enterNested = options.Submodules ?? config.Submodules;
        var files = ProjectFileWalker.PythonFiles(repository.Root, excluded, nested, enterNested);
        // The in-process parser bets on the interpreter's version while the worker starts; the files are parsed again if it lost.
        var scanned = await new InventoryBuilder(new ModuleParser(worker) { Speculative = true }, options.Aliases).BuildAsync(repository.Root, files, options.ScanProgress, cancellationToken);

        var (inventory, submoduleFlows) = SubmoduleFlows.Split(scanned with
        {
            NestedRepositories = nested.Order(StringComparer.Ordinal).ToList(),
            NestedRepositoriesScanned = enterNested && nested.Count > 0,
        });
        var mode = options.Mode ?? config.Mode;
        var branches = Check(await repository.BranchesAsync(FlowSlug.BranchPrefix, cancellationToken), SessionRefusal.GitFailed).Select(b => b.BranchName).ToHashSet(StringComparer.Ordinal);
        var units = MigrationUnits.Form(inventory, mode, options.PrefectTarget ?? config.PrefectTarget, branches);
        return new MigrationSession(repository, worker, options, config, baseBranch, baseCommit, inventory, submoduleFlows, units, sessionLock);
    }

    public Task<IReadOnlyList<FlowStatus>> StatusAsync(CancellationToken cancellationToken = default) =>
        new FlowStatusReader(this).ReadAsync(cancellationToken);

    public Task<IFlowWizard> OpenAsync(string flowId, CancellationToken cancellationToken = default) =>
        OpenAsync(flowId, _options.Rewrite, cancellationToken);

    public async Task<IFlowWizard> OpenAsync(string flowId, bool rewrite, CancellationToken cancellationToken = default)
    {
        var unit = UnitOf(flowId);
        _ruleScan = null;
        var wizard = await FlowWizard.OpenAsync(this, unit, rewrite || _options.Rewrite, cancellationToken);
        _openUnit = unit.Lead.Id;
        return wizard;
    }

    public async Task<TargetChangePlan> PlanTargetChangeAsync(string target, CancellationToken cancellationToken = default)
    {
        var statuses = (await StatusAsync(cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var prefect = Units.Where(u => u.RulesetId.StartsWith("prefect1-to-", StringComparison.Ordinal)).SelectMany(u => u.Flows).Select(f => statuses[f.Id]).ToList();
        return new TargetChangePlan(
            PrefectTarget,
            target,
            prefect.Where(s => s.State == FlowState.NotStarted).Select(s => s.Name).ToList(),
            prefect.Where(s => s.State is not (FlowState.NotStarted or FlowState.InProgress)).Select(s => s.Name).ToList(),
            prefect.Where(s => s.State == FlowState.InProgress).Select(s => s.Step is { } step ? $"{s.Name} (step {step} of {s.StepCount})" : s.Name).ToList());
    }

    public async Task<TargetChangePlan> ChangeTargetAsync(string target, CancellationToken cancellationToken = default)
    {
        var plan = await PlanTargetChangeAsync(target, cancellationToken);
        if (plan.Refusal is { } refusal)
        {
            throw new SessionException(SessionRefusal.TargetChangeBlocked, refusal);
        }

        try
        {
            RepositoryConfigFile.SetPrefectTarget(Root, target);
        }
        catch (RepositoryConfigException exception)
        {
            throw new SessionException(SessionRefusal.InvalidConfig, exception.Message);
        }

        var branches = Check(await _repository.BranchesAsync(FlowSlug.BranchPrefix, cancellationToken), SessionRefusal.GitFailed).Select(b => b.BranchName).ToHashSet(StringComparer.Ordinal);
        Units = MigrationUnits.Form(Inventory, Mode, target, branches);
        PrefectTarget = target;
        _ruleScan = null;
        return plan;
    }

    public async Task<int> CountFlowsWithRuleAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        var units = await new RuleWideScan(this).UnitsWithAsync(ruleId, cancellationToken);
        _ruleScan = (ruleId, units);
        return Others(units).Count();
    }

    /// <summary>Records the rule as accepted for every unit that has its changes and for the open one; counts the others, as
    /// <see cref="CountFlowsWithRuleAsync"/> does (the wizard's confirmation named that number).</summary>
    public async Task<int> AcceptRuleEverywhereAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        var units = _ruleScan is { } scan && scan.RuleId == ruleId ? scan.Units : await new RuleWideScan(this).UnitsWithAsync(ruleId, cancellationToken);
        var keys = units.Select(u => u.Lead.Id).Append(_openUnit).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Cache.Update(data =>
        {
            foreach (var key in keys)
            {
                data.AcceptedRules[key] = (data.AcceptedRules.GetValueOrDefault(key) ?? []).Append(ruleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            }

            return data;
        });
        _ruleScan = null;
        return Others(units).Count();
    }

    private IEnumerable<MigrationUnit> Others(IEnumerable<MigrationUnit> units) => units.Where(u => u.Lead.Id != _openUnit);

    public Task SkipFlowAsync(string flowId, CancellationToken cancellationToken = default)
    {
        _ = UnitOf(flowId);
        _ruleScan = null;
        Cache.Update(data => data with { SkippedFlows = data.SkippedFlows.Append(flowId).Distinct().Order(StringComparer.Ordinal).ToList() });
        return Task.CompletedTask;
    }

    /// <summary>Removes a flow's worktree and, when asked, its branch; forgets its pending decisions. Returns what was removed.</summary>
    internal async Task<IReadOnlyList<string>> AbandonAsync(string flowId, bool deleteBranch, CancellationToken cancellationToken = default)
    {
        var unit = UnitOf(flowId);
        var removed = new List<string>();
        var worktrees = Check(await _repository.WorktreeListAsync(cancellationToken), SessionRefusal.GitFailed);
        foreach (var worktree in worktrees.Where(w => w.Branch == "refs/heads/" + unit.Branch))
        {
            Check(await _repository.WorktreeRemoveAsync(worktree.Path, force: true, cancellationToken), SessionRefusal.GitFailed);
            removed.Add($"worktree {worktree.Path}");
        }

        if (deleteBranch && Check(await _repository.RefExistsAsync("refs/heads/" + unit.Branch, cancellationToken), SessionRefusal.GitFailed))
        {
            Check(await _repository.DeleteBranchAsync(unit.Branch, cancellationToken), SessionRefusal.GitFailed);
            removed.Add($"branch {unit.Branch}");
        }

        Cache.Update(data =>
        {
            data.SkippedSteps.Remove(unit.Lead.Id);
            data.DisabledChanges.Remove(unit.Lead.Id);
            if (deleteBranch)
            {
                data.CreatedBranches.Remove(unit.Branch);
            }

            return data;
        });
        return removed;
    }

    /// <summary>Checks what a flow's branch holds (import and behaviour), in a worktree made for the purpose
    /// when the flow has none; null when the flow has no branch yet.</summary>
    internal async Task<FlowCheckReport?> CheckFlowAsync(string flowId, CancellationToken cancellationToken = default) =>
        (await CheckFlowsAsync([flowId], [], cancellationToken))[0];

    /// <summary>
    /// <see cref="CheckFlowAsync(string, CancellationToken)"/> for each flow, on the session's worker and <paramref name="moreWorkers"/> side by
    /// side (a checker each, sharing the session's stand-ins, each going through its flows in one worktree: <see cref="ReusedCheckWorktree"/>);
    /// the reports in the flows' order, as checking them one after another gives.
    /// </summary>
    internal async Task<IReadOnlyList<FlowCheckReport?>> CheckFlowsAsync(IReadOnlyList<string> flowIds, IReadOnlyList<PythonWorker> moreWorkers, CancellationToken cancellationToken = default)
    {
        var checkers = moreWorkers.Select(worker => new FlowChecker(worker, StandInCache, _options.CheckTimeout)).Prepend(Checker)
            .Select((checker, index) => (Checker: checker, Worktree: new ReusedCheckWorktree(_repository, Path.Combine(_repository.CommonDir, "flowmigrate", "worktrees", $".check-{index + 1}"), _worktreeChanges)))
            .ToList();
        try
        {
            return await CheckQueue.RunAsync(checkers, flowIds, (checker, flowId, token) => CheckFlowAsync(flowId, checker.Checker, checker.Worktree, token), cancellationToken);
        }
        finally
        {
            foreach (var (_, worktree) in checkers)
            {
                await worktree.RemoveAsync();
            }
        }
    }

    // The flow's branch is checked in its own worktree when it has one (the wizard's), else in the checker's, moved to the branch.
    private async Task<FlowCheckReport?> CheckFlowAsync(string flowId, FlowChecker checker, ReusedCheckWorktree reused, CancellationToken cancellationToken)
    {
        var unit = UnitOf(flowId);
        if (!Check(await _repository.RefExistsAsync("refs/heads/" + unit.Branch, cancellationToken), SessionRefusal.GitFailed))
        {
            return null;
        }

        var worktrees = Check(await _repository.WorktreeListAsync(cancellationToken), SessionRefusal.GitFailed);
        var path = worktrees.FirstOrDefault(w => w.Branch == "refs/heads/" + unit.Branch)?.Path;
        if (path is null)
        {
            await reused.MoveToAsync(unit.Branch, cancellationToken);
            path = reused.Path;
        }

        var rulesetId = await BranchRulesetIdAsync(unit, cancellationToken) ?? unit.RulesetId;
        var oldRoot = await OldRootAsync(path, "refs/heads/" + unit.Branch, cancellationToken);
        return await checker.CheckAsync(Ruleset(rulesetId), path, oldRoot, Layout, unit.Files, cancellationToken);
    }

    /// <summary>
    /// Where the behaviour and graph checks read the old code of a branch whose worktree is <paramref name="worktree"/>:
    /// the worktree itself in side-by-side mode (the old files stay untouched beside the parallel tree); in place, the
    /// files of the commit the branch started from (its merge base with the session's base), written out once.
    /// </summary>
    internal async Task<string> OldRootAsync(string worktree, string tip, CancellationToken cancellationToken)
    {
        if (Layout.IsSideBySide)
        {
            return worktree;
        }

        var forkPoint = Check(await _repository.MergeBaseAsync(tip, BaseCommit, cancellationToken), SessionRefusal.GitFailed)
            ?? throw new SessionException(SessionRefusal.GitFailed, $"{tip} shares no history with {BaseBranch}; there is no old version to compare with");
        await _worktreeChanges.WaitAsync(cancellationToken);
        try
        {
            return await new BaseTree(_repository).MaterializeAsync(forkPoint.Value, cancellationToken);
        }
        finally
        {
            _worktreeChanges.Release();
        }
    }

    /// <summary>The Flyte 1 / Prefect 1 flows and files added after the migration started (<see cref="NewV1CodeFinder"/>).</summary>
    internal Task<NewV1Code> NewV1CodeAsync(CancellationToken cancellationToken = default) => new NewV1CodeFinder(this).FindAsync(cancellationToken);

    internal MigrationUnit UnitOf(string flowId)
    {
        if (Units.FirstOrDefault(u => u.Contains(flowId)) is { } unit)
        {
            return unit;
        }

        throw SubmoduleFlowList.FirstOrDefault(f => f.Id == flowId) is { } nested
            ? SubmoduleFlows.Refusal(Inventory, nested)
            : new SessionException(SessionRefusal.UnknownFlow, $"no flow '{flowId}' (flowmigrate status lists the flow ids)");
    }

    /// <summary>
    /// The ruleset the branch was converted with (its newest <c>Flowmigrate-Ruleset</c> trailer): a branch made with
    /// <c>--target prefect2</c> is checked against Prefect 2 even when the repository's pinned target is now Prefect 3.
    /// </summary>
    private async Task<string?> BranchRulesetIdAsync(MigrationUnit unit, CancellationToken cancellationToken)
    {
        var commits = Check(await _repository.LogAsync("refs/heads/" + unit.Branch, BaseCommit, cancellationToken: cancellationToken), SessionRefusal.GitFailed);
        var recorded = commits.SelectMany(c => c.TrailerValues(Trailers.Ruleset)).FirstOrDefault();
        var id = recorded?.Split('@')[0];
        if (id is null || id == unit.RulesetId)
        {
            return null;
        }

        try
        {
            Ruleset(id);
            return id;
        }
        catch (RulesetLoadException)
        {
            // A ruleset this flowmigrate does not have (made by another version): check against the pinned one.
            return null;
        }
    }

    internal Ruleset Ruleset(string id)
    {
        lock (_rulesets)
        {
            if (!_rulesets.TryGetValue(id, out var ruleset))
            {
                _rulesets[id] = ruleset = _options.LoadRuleset(id);
            }

            return ruleset;
        }
    }

    internal RuleOptions RuleOptionsFor(Ruleset ruleset) => RulesetOptions.For(ruleset, new RuleOptions
    {
        DriverStyle = Config.Driver,
        SchedulesInactive = Config.SchedulesInactive,
        DefaultImage = Config.DefaultImage,
        SecretBlockNames = Config.SecretBlocks,
        WorkPools = Config.WorkPools,
    });

    internal string WorktreePath(MigrationUnit unit) => Path.Combine(_repository.CommonDir, "flowmigrate", "worktrees", unit.Slug);

    internal static T Check<T>(GitResult<T> result, SessionRefusal refusal) =>
        result.IsSuccess ? result.Value : throw new SessionException(refusal, result.Error!.Message);

    internal static void Check(GitResult result, SessionRefusal refusal)
    {
        if (!result.IsSuccess)
        {
            throw new SessionException(refusal, result.Error!.Message);
        }
    }

    /// <summary>A flow's step was committed: git's automatic maintenance, left out of each commit, runs when the session ends.</summary>
    internal void NoteCommit() => Volatile.Write(ref _committedAny, true);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await Spare.RemoveAsync();
            if (Volatile.Read(ref _committedAny))
            {
                await _repository.RunAutoMaintenanceAsync();
            }
        }
        finally
        {
            _lock.Dispose();
            _worktreeChanges.Dispose();
        }
    }
}
