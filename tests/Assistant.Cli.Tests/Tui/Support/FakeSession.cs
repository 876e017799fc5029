using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>An in-memory session over <see cref="FakeRepository"/>'s flows; opening a flow returns its <see cref="FakeWizard"/>.</summary>
internal sealed class FakeSession : IMigrationSession, IRuleWideDecisions, IPrefectTargetChoice
{
    private readonly Dictionary<string, FlowStatus> _flows;
    private readonly Dictionary<string, FakeWizard> _wizards = new(StringComparer.Ordinal);

    public FakeSession(IReadOnlyList<FlowStatus> flows)
    {
        _flows = flows.ToDictionary(f => f.Id, StringComparer.Ordinal);
        Order = flows.Select(f => f.Id).ToList();
        Inventory = new RepositoryInventory(Root,
            [new FileRecord("flyte_flows/etl_pipeline.py", Framework.Flyte1), new FileRecord("prefect_flows/daily_sales.py", Framework.Prefect1)],
            [], new ScanStatistics(12, 6, 6, TimeSpan.FromSeconds(0.4)));
    }

    public List<string> Calls { get; } = [];

    public string Root => "/home/dev/acme-flows";

    public string BaseBranch => "main";

    public string PrefectTarget { get; private set; } = "prefect3";

    public string Mode => "side-by-side";

    public RepositoryInventory Inventory { get; }

    public int RuleFlows { get; set; } = 4;

    private List<string> Order { get; }

    public Task<IReadOnlyList<FlowStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (id, wizard) in _wizards)
        {
            _flows[id] = wizard.Flow with { Todos = _flows[id].Todos };
        }

        return Task.FromResult<IReadOnlyList<FlowStatus>>(Order.Select(id => _flows[id]).ToList());
    }

    public Task<IFlowWizard> OpenAsync(string flowId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"open {flowId}");
        if (!_wizards.TryGetValue(flowId, out var wizard))
        {
            _wizards[flowId] = wizard = FakeRepository.Wizard(_flows[flowId] with { State = FlowState.InProgress, Branch = _flows[flowId].Branch ?? "flowmigrate/" + _flows[flowId].Name.Replace('_', '-') });
        }

        return Task.FromResult<IFlowWizard>(wizard);
    }

    public FakeWizard WizardOf(string flowId) => _wizards[flowId];

    public Task SkipFlowAsync(string flowId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"skip flow {flowId}");
        _flows[flowId] = _flows[flowId] with { State = FlowState.Skipped };
        return Task.CompletedTask;
    }

    public Task<int> CountFlowsWithRuleAsync(string ruleId, CancellationToken cancellationToken = default) => Task.FromResult(RuleFlows);

    public Task<int> AcceptRuleEverywhereAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"accept rule {ruleId}");
        return Task.FromResult(RuleFlows);
    }

    /// <summary>Puts a flow in another state (a flow in progress on the current target blocks switching it).</summary>
    public void Set(FlowStatus flow) => _flows[flow.Id] = flow;

    public Task<TargetChangePlan> PlanTargetChangeAsync(string target, CancellationToken cancellationToken = default)
    {
        var prefect = Order.Select(id => _flows[id]).Where(f => f.Framework.Equals("prefect1", StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult(new TargetChangePlan(PrefectTarget, target,
            prefect.Where(f => f.State == FlowState.NotStarted).Select(f => f.Name).ToList(),
            prefect.Where(f => f.State is not (FlowState.NotStarted or FlowState.InProgress)).Select(f => f.Name).ToList(),
            prefect.Where(f => f.State == FlowState.InProgress).Select(f => f.Name).ToList()));
    }

    public async Task<TargetChangePlan> ChangeTargetAsync(string target, CancellationToken cancellationToken = default)
    {
        var plan = await PlanTargetChangeAsync(target, cancellationToken);
        if (plan.Refusal is { } refusal)
        {
            throw new SessionException(SessionRefusal.TargetChangeBlocked, refusal);
        }

        Calls.Add($"target {target}");
        PrefectTarget = target;
        return plan;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
