using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>How the state answers what the host posts (results of effects, progress, resize, ticks). Pure.</summary>
internal static class TuiUpdate
{
    /// <summary>What the footer says while the flows' states are read from git after the scan.</summary>
    public const string ReadingStates = "reading the flows' states from git";

    public static Transition Apply(TuiState state, TuiEvent message) => message switch
    {
        TuiEvent.ScanProgressed m => state with { Overview = state.Overview with { Scan = m.Progress } },
        // The flows as the scan found them are shown at once; their states follow (StatusLoaded).
        TuiEvent.SessionOpened m => new Transition(
            state with
            {
                Busy = ReadingStates,
                Overview = state.Overview.WithFlows(m.Flows) with { Repository = m.Repository, Scan = null, StatesPending = true },
                Message = m.Repository.Notices.Count == 0 ? state.Message
                    : StatusMessage.Error($"user rules: {m.Repository.Notices[0]}" + (m.Repository.Notices.Count > 1 ? $" (+{m.Repository.Notices.Count - 1} more; `flowmigrate scan` lists them)" : string.Empty)),
            },
            new TuiEffect.RefreshStatus()),
        TuiEvent.StatusLoaded m => StatusLoaded(state, m.Flows),
        TuiEvent.WizardChanged m => WizardChanged(state, m.Wizard, m.Message),
        TuiEvent.Edited m => Edited(state, m),
        TuiEvent.CheckFinished m => state with { Busy = null, Screen = Screen.Check, Check = new CheckState(m.Report) },
        TuiEvent.Committed m => Committed(state, m.Result, m.Wizard),
        TuiEvent.AllSafeAccepted m => AllSafeAccepted(state, m),
        TuiEvent.RuleCounted m => m.Flows == 0
            ? state with { Busy = null, Message = new StatusMessage($"no other flow has {m.RuleId} changes") }
            : state with
            {
                Busy = null,
                Confirm = new ConfirmAction(
                    $"Apply {m.RuleId} everywhere",
                    $"Accept the changes of {m.RuleId} in {m.Flows} other flow{(m.Flows == 1 ? "" : "s")} and this one? They are pre-accepted when each flow is opened or migrated, and its commit records the decision. Changes you turned off one by one stay off.",
                    new TuiEffect.ApplyRule(m.RuleId),
                    $"applying {m.RuleId}"),
            },
        TuiEvent.RuleApplied m => RuleApplied(state, m),
        TuiEvent.TargetPlanned m => TargetPlanned(state, m.Plan),
        TuiEvent.TargetChanged m => (state with { Busy = null, Overview = state.Overview.WithFlows(m.Flows) with { Repository = m.Repository, StatesPending = false } })
            .Say($"Prefect target is now {m.Plan.To}: {Flows(m.Plan.Replanned.Count)} re-planned; saved in .flowmigrate/config.yaml (commit it so the team uses {m.Plan.To})"),
        TuiEvent.Failed m => Failed(state, m.Message),
        TuiEvent.RewriteNeeded m => state with
        {
            Busy = null,
            Confirm = new ConfirmAction("Re-plan on the new base", $"{m.Reason} Rewrite the branch now?", new TuiEffect.OpenFlow(m.FlowId, Rewrite: true), "re-planning on the new base"),
        },
        TuiEvent.Resized m => Resized(state, m.Size),
        TuiEvent.Ticked => state.Busy is not null || state.Check?.IsRunning == true || state.Overview.IsScanning ? state with { Frame = state.Frame + 1 } : state,
        _ => state,
    };

    private static Transition StatusLoaded(TuiState state, IReadOnlyList<FlowStatus> flows)
    {
        var next = state with { Busy = null, Overview = state.Overview.WithFlows(flows) with { StatesPending = false, PendingOpen = null } };
        if (state.Overview.PendingOpen is not { } id)
        {
            // The first states re-sort the table (in progress first): a cursor still on the top row stays on the top row.
            return state.Overview.StatesPending && state.Overview.Selected == 0 ? next with { Overview = next.Overview.Select(0) } : next;
        }

        // Enter chose this flow while the states were read: open it now, unless its state says it cannot be.
        var index = next.Overview.Visible.ToList().FindIndex(f => f.Id == id);
        if (index < 0)
        {
            return next.Warn($"{id} is no longer listed");
        }

        next = next with { Overview = next.Overview.Select(index) };
        var flow = next.Overview.SelectedFlow!;
        return next.Overview.OpenRefusal is { } refusal
            ? next.Warn($"{flow.Name} not opened: {refusal}")
            : next.Start(new TuiEffect.OpenFlow(flow.Id), $"opening {flow.Name}");
    }

    private static Transition TargetPlanned(TuiState state, TargetChangePlan plan)
    {
        if (plan.Refusal is { } refusal)
        {
            return (state with { Busy = null }).Warn(refusal);
        }

        var kept = plan.Kept.Count == 0 ? string.Empty : $" {Flows(plan.Kept.Count)} already committed, merged or skipped keep{(plan.Kept.Count == 1 ? "s" : "")} {(plan.Kept.Count == 1 ? "its" : "their")} {plan.From} branch{(plan.Kept.Count == 1 ? "" : "es")}.";
        return state with
        {
            Busy = null,
            Confirm = new ConfirmAction(
                $"Switch to {plan.To}",
                $"Change the Prefect target from {plan.From} to {plan.To}? {Flows(plan.Replanned.Count)} not started {(plan.Replanned.Count == 1 ? "is" : "are")} re-planned for {plan.To}.{kept} "
                + "Saved in .flowmigrate/config.yaml.",
                new TuiEffect.ChangeTarget(plan.To),
                $"switching to {plan.To}"),
        };
    }

    private static string Flows(int count) => $"{count} Prefect flow{(count == 1 ? "" : "s")}";

    private static Transition RuleApplied(TuiState state, TuiEvent.RuleApplied m)
    {
        var text = $"{m.RuleId} accepted in {m.Flows} other flow{(m.Flows == 1 ? "" : "s")} and this one";
        return m.Wizard is { } wizard && state.Wizard is not null ? WizardChanged(state, wizard, text) : (state with { Busy = null }).Say(text);
    }

    private static Transition WizardChanged(TuiState state, WizardSnapshot snapshot, string? message)
    {
        if (snapshot.IsDone && state.Wizard is not null)
        {
            return BackToOverview(state, message ?? $"{snapshot.Flow.Name}: every step is decided");
        }

        var wizard = state.Wizard is null || state.Wizard.Snapshot.Flow.Id != snapshot.Flow.Id
            ? WizardState.Open(snapshot)
            : state.Wizard.With(snapshot, WizardLayout.DiffRows(state.Size, snapshot));
        return state with
        {
            Busy = null,
            Screen = Screen.Wizard,
            Wizard = wizard,
            Check = null,
            Commit = null,
            Message = message is null ? state.Message : new StatusMessage(message),
        };
    }

    private static Transition Edited(TuiState state, TuiEvent.Edited m)
    {
        var next = WizardChanged(state, m.Wizard, null).State;
        return m.Error is null
            ? next.Say($"edit taken: re-parsed and re-diffed ({m.Wizard.Current?.Files.Count(f => f.IsChanged) ?? 0} changed files)")
            : next.Warn($"edit not taken: {m.Error}");
    }

    private static Transition Committed(TuiState state, CommitResult result, WizardSnapshot snapshot)
    {
        if (result.IsSuccess)
        {
            var sha = result.Commit!.Length > 7 ? result.Commit[..7] : result.Commit;
            return snapshot.IsDone
                ? BackToOverview(state with { Wizard = state.Wizard }, $"{snapshot.Flow.Name}: {result.StepId} committed ({sha}); every step decided, branch {snapshot.PendingCommit?.Branch ?? snapshot.Flow.Branch}")
                : WizardChanged(state with { Commit = null }, snapshot, $"{result.StepId} committed ({sha}) on {snapshot.Flow.Branch}");
        }

        if (result.HookFailed && state.Commit is { } commit)
        {
            return state with { Busy = null, Commit = commit with { Failure = result }, Message = StatusMessage.Error($"a git hook rejected the commit: {result.Error}") };
        }

        var report = new FlowCheckReport(false, [new CheckFinding("error", snapshot.Flow.File, null, result.Error ?? "the commit failed", null)], TimeSpan.Zero);
        return state with { Busy = null, Screen = Screen.Check, Check = new CheckState(report), Commit = null, Message = StatusMessage.Error("not committed: " + (result.Error ?? "unknown error")) };
    }

    private static Transition AllSafeAccepted(TuiState state, TuiEvent.AllSafeAccepted m)
    {
        var committed = m.Results.Count(r => r.IsSuccess);
        var failure = m.Results.FirstOrDefault(r => !r.IsSuccess);
        var text = $"accepted the safe changes of {committed} step{(committed == 1 ? "" : "s")}" + (failure is null ? string.Empty : $"; stopped at {failure.StepId}: {failure.Error}");
        var next = WizardChanged(state, m.Wizard, text);
        return failure is null ? next : next with { State = next.State with { Message = StatusMessage.Error(text) } };
    }

    private static Transition Failed(TuiState state, string message)
    {
        var next = state with { Busy = null, Message = StatusMessage.Error(message), Overview = state.Overview with { PendingOpen = null } };
        return state.Check is { IsRunning: true }
            ? next with { Check = new CheckState(new FlowCheckReport(false, [new CheckFinding("error", string.Empty, null, message, null)], TimeSpan.Zero)) }
            : next;
    }

    private static TuiState Resized(TuiState state, TerminalSize size)
    {
        var next = state with { Size = size };
        return next.Wizard is { } wizard ? next with { Wizard = wizard.ScrollTo(wizard.Scroll, next.DiffRows) } : next;
    }

    public static Transition BackToOverview(TuiState state, string? message) => new(
        state with
        {
            Screen = Screen.Overview,
            Wizard = null,
            Check = null,
            Commit = null,
            Busy = "refreshing",
            Message = message is null ? null : new StatusMessage(message),
        },
        new TuiEffect.RefreshStatus());
}
