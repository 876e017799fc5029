using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// Runs effects against the session engine and answers with the event the state understands. Holds the one
/// open <see cref="IFlowWizard"/>. Engine refusals and failures become <see cref="TuiEvent.Failed"/>, never a crash.
/// </summary>
internal sealed class SessionDriver(IMigrationSession session)
{
    private IFlowWizard? _wizard;

    public IMigrationSession Session => session;

    public RepositoryHeader Header => new(
        session.Root,
        session.BaseBranch,
        session.Inventory.Frameworks.Select(Assistant.Core.Migration.Inventory.FrameworkNames.Of).ToList(),
        session.PrefectTarget,
        session.Mode)
    {
        SupportsRuleWide = session is IRuleWideDecisions,
        SupportsTargetChange = session is IPrefectTargetChoice,
        Notices = (session as MigrationSession)?.Options.Notices() ?? [],
    };

    /// <summary>
    /// The session is open: the flows as the scan found them, at once. Their states (branches, commits, TODOs: git
    /// processes per flow) are read afterwards, when the state asks for them (<see cref="TuiEffect.RefreshStatus"/>).
    /// </summary>
    public Task<TuiEvent> OpenedAsync(CancellationToken cancellationToken) =>
        Guard(() => Task.FromResult<TuiEvent>(new TuiEvent.SessionOpened(Header, Listed())));

    /// <summary>Every flow of the inventory, as not started: what the overview lists until the states are read.</summary>
    public IReadOnlyList<FlowStatus> Listed() => session.Inventory.Flows
        .Select(flow => new FlowStatus(flow.Id, flow.Name, Assistant.Core.Migration.Inventory.FrameworkNames.Of(flow.Framework), flow.File, flow.Tasks.Count,
            FlowState.NotStarted, Step: null, StepCount: 0, Branch: null, Todos: 0))
        .ToList();

    public Task<TuiEvent> RunAsync(TuiEffect effect, CancellationToken cancellationToken) => Guard(effect switch
    {
        TuiEffect.RefreshStatus => async () => new TuiEvent.StatusLoaded(await session.StatusAsync(cancellationToken)),
        TuiEffect.OpenFlow open => async () =>
        {
            try
            {
                _wizard = await session.OpenAsync(open.FlowId, open.Rewrite, cancellationToken);
            }
            catch (SessionException exception) when (exception.Refusal == SessionRefusal.RewriteNeeded)
            {
                return new TuiEvent.RewriteNeeded(open.FlowId, exception.Message.ReplaceLineEndings(" "));
            }

            var snapshot = Snapshot();
            return new TuiEvent.WizardChanged(snapshot, _wizard.Replanned ?? (snapshot.IsDone ? $"{snapshot.Flow.Name}: every step is already decided" : null));
        },
        TuiEffect.SkipFlow skip => async () =>
        {
            await session.SkipFlowAsync(skip.FlowId, cancellationToken);
            return new TuiEvent.StatusLoaded(await session.StatusAsync(cancellationToken));
        },
        TuiEffect.ToggleChange toggle => async () =>
        {
            await Wizard.ToggleAsync(toggle.Change, cancellationToken);
            return new TuiEvent.WizardChanged(Snapshot());
        },
        TuiEffect.AcceptStep accept => async () => new TuiEvent.Committed(await Wizard.AcceptAsync(accept.SkipHooks, cancellationToken), Snapshot()),
        TuiEffect.AcceptDespiteCheck accept => async () => new TuiEvent.Committed(await Wizard.AcceptDespiteCheckAsync(accept.Report, cancellationToken), Snapshot()),
        TuiEffect.SkipStep => async () =>
        {
            var step = Wizard.Current?.Step.Step.Title;
            await Wizard.SkipAsync(cancellationToken);
            return new TuiEvent.WizardChanged(Snapshot(), $"skipped {step} (recorded)");
        },
        TuiEffect.AcceptAllSafe => async () => new TuiEvent.AllSafeAccepted(await Wizard.AcceptAllSafeAsync(cancellationToken), Snapshot()),
        TuiEffect.RunCheck => async () => new TuiEvent.CheckFinished(await Wizard.CheckAsync(cancellationToken)),
        TuiEffect.CountRule count when session is IRuleWideDecisions rules => async () => new TuiEvent.RuleCounted(count.RuleId, await rules.CountFlowsWithRuleAsync(count.RuleId, cancellationToken)),
        TuiEffect.ApplyRule apply when session is IRuleWideDecisions rules => async () =>
        {
            var flows = await rules.AcceptRuleEverywhereAsync(apply.RuleId, cancellationToken);
            if (_wizard is null)
            {
                return new TuiEvent.RuleApplied(apply.RuleId, flows, null);
            }

            // The open flow takes the decision too: its step is planned again so the diff and the pending commit show it.
            await _wizard.RefreshAsync(cancellationToken);
            return new TuiEvent.RuleApplied(apply.RuleId, flows, Snapshot());
        },
        TuiEffect.PlanTarget plan when session is IPrefectTargetChoice targets => async () => new TuiEvent.TargetPlanned(await targets.PlanTargetChangeAsync(plan.Target, cancellationToken)),
        TuiEffect.ChangeTarget change when session is IPrefectTargetChoice targets => async () =>
        {
            var plan = await targets.ChangeTargetAsync(change.Target, cancellationToken);
            return new TuiEvent.TargetChanged(plan, Header, await session.StatusAsync(cancellationToken));
        },
        TuiEffect.EditFile edit => () => Task.FromResult<TuiEvent>(new TuiEvent.Failed($"editing {edit.File} needs the terminal (the host runs the editor)")),
        _ => () => Task.FromResult<TuiEvent>(new TuiEvent.Failed($"this session cannot do {effect.GetType().Name}")),
    });

    /// <summary>Hands the user's edited text to the engine; <paramref name="editorError"/> (the editor failed) skips that.</summary>
    public Task<TuiEvent> EditedAsync(string file, string? text, string? editorError, CancellationToken cancellationToken) => Guard(async () =>
    {
        if (editorError is not null || text is null)
        {
            return new TuiEvent.Edited(Snapshot(), editorError ?? "the editor returned nothing");
        }

        var error = await Wizard.EditAsync(file, text, cancellationToken);
        return new TuiEvent.Edited(Snapshot(), error);
    });

    private IFlowWizard Wizard => _wizard ?? throw new InvalidOperationException("no flow is open");

    private WizardSnapshot Snapshot() => WizardSnapshot.Of(Wizard);

    private static async Task<TuiEvent> Guard(Func<Task<TuiEvent>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception) when (exception is SessionException or InvalidOperationException or IOException or Assistant.Core.Python.PythonWorkerException)
        {
            return new TuiEvent.Failed(exception.Message.ReplaceLineEndings(" "));
        }
    }
}
