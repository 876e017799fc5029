using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.Keys;

/// <summary>The overview's keys, in the order the key bar and the help overlay list them.</summary>
internal static class OverviewKeys
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new KeyBinding("enter", "open the selected flow in the wizard", KeyMatch.Key(ConsoleKey.Enter), Open) { Short = "open" }
            .When(s => ReadingStates(s) ? null : Reasons.Busy(s)).When(s => s.Overview.OpenRefusal),
        new KeyBinding("↑↓", "select a flow (also k/j, PgUp/PgDn, Home/End)", KeyMatch.Any(KeyMatch.Key(ConsoleKey.UpArrow, ConsoleKey.DownArrow, ConsoleKey.PageUp, ConsoleKey.PageDown, ConsoleKey.Home, ConsoleKey.End), KeyMatch.Char('k'), KeyMatch.Char('j')), Move) { InBar = false },
        new KeyBinding("/", "filter flows by name, file or state", KeyMatch.Char('/'), (s, _) => s with { Overview = s.Overview with { IsFiltering = true } }) { Short = "filter" }
            .When(s => s.Overview.IsScanning ? "still scanning" : null),
        new KeyBinding("o", "sort by state / by file", KeyMatch.Char('o'), (s, _) => s with { Overview = (s.Overview with { Sort = s.Overview.Sort == FlowSort.State ? FlowSort.File : FlowSort.State }).Select(0) }) { Short = "sort" },
        new KeyBinding("x", "skip the selected flow (recorded, reversible)", KeyMatch.Char('x'), SkipFlow) { Short = "skip flow" }
            .When(Reasons.Busy).When(CannotSkip),
        new KeyBinding("t", "switch the Prefect target (prefect2 / prefect3): asks, then re-plans", KeyMatch.Char('t'), ChangeTarget) { Short = "target" }
            .When(Reasons.Busy).When(s => s.Overview.IsScanning ? "still scanning" : null).When(CannotChangeTarget),
        new KeyBinding("r", "refresh the states from git", KeyMatch.Char('r'), (s, _) => s.Start(new TuiEffect.RefreshStatus(), "refreshing")) { Short = "refresh" }
            .When(Reasons.Busy).When(s => s.Overview.IsScanning ? "still scanning" : null),
        CommonKeys.Help,
        new KeyBinding("q", "quit", KeyMatch.Any(KeyMatch.Char('q'), KeyMatch.Key(ConsoleKey.Escape)), (s, _) => new Transition(s with { IsQuitting = true }, new TuiEffect.Quit())) { Short = "quit" },
        CommonKeys.Interrupt,
    ];

    // The only work running is reading the flows' states: enter may choose a flow, which opens once they arrive.
    private static bool ReadingStates(TuiState state) =>
        state.Overview.StatesPending && state.Busy?.StartsWith(TuiUpdate.ReadingStates, StringComparison.Ordinal) == true;

    private static string? CannotSkip(TuiState state) => state.Overview.SelectedFlow switch
    {
        null => "no flow selected",
        _ when state.Overview.StatesPending => "the states are not read yet (r reads them)",
        { State: FlowState.Skipped } => "already skipped",
        { State: FlowState.Merged or FlowState.Committed or FlowState.MigratedOutside } => "already migrated",
        _ => null,
    };

    private static string? CannotChangeTarget(TuiState state) => state.Overview.Repository switch
    {
        null => "still opening",
        { HasPrefect: false } => "no Prefect 1 flows here (Flyte only)",
        { SupportsTargetChange: false } => "this session cannot change the target",
        _ => null,
    };

    private static Transition ChangeTarget(TuiState state, ConsoleKeyInfo key)
    {
        var target = state.Overview.Repository!.OtherPrefectTarget;
        return state.Start(new TuiEffect.PlanTarget(target), $"checking the Prefect flows for {target}");
    }

    private static Transition Open(TuiState state, ConsoleKeyInfo key)
    {
        var flow = state.Overview.SelectedFlow!;
        if (!state.Overview.StatesPending)
        {
            return state.Start(new TuiEffect.OpenFlow(flow.Id), $"opening {flow.Name}");
        }

        // Whether it may be opened (merged, migrated outside) depends on its state: wait for the states, reading them
        // again when the first read failed.
        var waiting = state with { Overview = state.Overview with { PendingOpen = flow.Id } };
        var busy = $"{TuiUpdate.ReadingStates}, then opening {flow.Name}";
        return state.Busy is null ? waiting.Start(new TuiEffect.RefreshStatus(), busy) : waiting with { Busy = busy };
    }

    private static Transition SkipFlow(TuiState state, ConsoleKeyInfo key)
    {
        var flow = state.Overview.SelectedFlow!;
        return state with
        {
            Confirm = new ConfirmAction("Skip flow", $"Skip {flow.Name} ({flow.File})? It stays as it is; you can open it again later.", new TuiEffect.SkipFlow(flow.Id), $"skipping {flow.Name}"),
        };
    }

    private static Transition Move(TuiState state, ConsoleKeyInfo key)
    {
        var overview = state.Overview;
        var page = Math.Max(1, OverviewLayout.TableRows(state.Size) - 1);
        var target = key.Key switch
        {
            ConsoleKey.UpArrow => overview.Selected - 1,
            ConsoleKey.DownArrow => overview.Selected + 1,
            ConsoleKey.PageUp => overview.Selected - page,
            ConsoleKey.PageDown => overview.Selected + page,
            ConsoleKey.Home => 0,
            ConsoleKey.End => int.MaxValue,
            _ => key.KeyChar == 'k' ? overview.Selected - 1 : overview.Selected + 1,
        };
        return state with { Overview = overview.Select(target) };
    }
}
