using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>The flow wizard's keys, in the order the key bar and the help overlay list them.</summary>
internal static class WizardKeys
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new KeyBinding("a", "accept this step: review its commit, then commit it", KeyMatch.Char('a'), Accept) { Short = "accept" }
            .When(Reasons.Busy).When(Reasons.NoStep),
        new KeyBinding("s", "skip this step (recorded, nothing committed)", KeyMatch.Char('s'), (s, _) => s.Start(new TuiEffect.SkipStep(), "skipping the step")) { Short = "skip" }
            .When(Reasons.Busy).When(Reasons.NoStep),
        new KeyBinding("e", "edit the converted file in $EDITOR, then re-parse and re-diff", KeyMatch.Char('e'), Edit) { Short = "edit" }
            .When(Reasons.Busy).When(Reasons.NoStep).When(s => s.Wizard?.EditTarget is null ? "this step changes no file" : null),
        new KeyBinding("space", "turn the selected change off / on", KeyMatch.Key(ConsoleKey.Spacebar), Toggle) { Short = "toggle" }
            .When(Reasons.Busy).When(Reasons.NoStep).When(NoChange),
        new KeyBinding("A", "accept the safe changes of every remaining step", KeyMatch.Char('A'), AcceptAllSafe) { Short = "all safe" }
            .When(Reasons.Busy).When(Reasons.NoStep),
        new KeyBinding("c", "check the converted code (import and behaviour)", KeyMatch.Char('c'), Check) { Short = "check" }
            .When(Reasons.Busy),
        new KeyBinding("R", "apply the selected change's rule in every flow that has it", KeyMatch.Char('R'), Rule) { Short = "rule everywhere" }
            .When(Reasons.Busy).When(Reasons.NoStep).When(NoChange)
            .When(s => s.Overview.Repository?.SupportsRuleWide == false ? "this session cannot apply a rule across flows" : null)
            .When(s => s.Wizard?.Change is { Safety: Assistant.Core.Rules.Safety.Manual } c ? $"{c.RuleId} is manual: it only adds TODOs" : null)
            .When(s => s.Wizard?.Change is { IsRuleAccepted: true } c ? $"{c.RuleId} is already accepted in every flow" : null),
        new KeyBinding("d", "unified / side-by-side diff", KeyMatch.Char('d'), (s, _) => s with { Wizard = s.Wizard!.ToggleLayout(s.DiffRows) }) { Short = "side by side" }
            .When(s => s.Size.AllowsSideBySide || s.Wizard?.SideBySide == true ? null : $"needs 120 columns (now {s.Size.Width})"),
        new KeyBinding("n/p", "next / previous hunk", KeyMatch.Any(KeyMatch.Char('n'), KeyMatch.Char('p')),
            (s, k) => s with { Wizard = s.Wizard!.JumpHunk(k.KeyChar == 'n' ? 1 : -1, s.DiffRows) }) { Short = "hunks" }
            .When(s => s.Wizard?.Pane.HunkStarts.Count is null or 0 ? "no hunks in this step" : null),
        new KeyBinding("↑↓", "select the previous / next change (also k/j)", KeyMatch.Any(KeyMatch.Key(ConsoleKey.UpArrow, ConsoleKey.DownArrow), KeyMatch.Char('k'), KeyMatch.Char('j')),
            (s, k) => s with { Wizard = s.Wizard!.SelectChange(s.Wizard.SelectedChange + (k.Key == ConsoleKey.UpArrow || k.KeyChar == 'k' ? -1 : 1), s.DiffRows) }) { InBar = false },
        new KeyBinding("PgUp/PgDn", "scroll the diff by a page (Home/End: top/bottom)", KeyMatch.Key(ConsoleKey.PageUp, ConsoleKey.PageDown, ConsoleKey.Home, ConsoleKey.End), Scroll) { InBar = false },
        CommonKeys.Help,
        new KeyBinding("q", "back to the overview (also Esc)", KeyMatch.Any(KeyMatch.Char('q'), KeyMatch.Key(ConsoleKey.Escape)), (s, _) => TuiUpdate.BackToOverview(s, null)) { Short = "back" }
            .When(Reasons.Busy),
        CommonKeys.Interrupt,
    ];

    private static string? NoChange(TuiState state) => state.Wizard?.Change is null ? "this step has no change to select" : null;

    private static Transition Accept(TuiState state, ConsoleKeyInfo key) =>
        state.Wizard!.Snapshot.PendingCommit is { } commit
            ? state with { Screen = Screen.Commit, Commit = new CommitState(commit) }
            : state.Warn("the engine has no commit for this step");

    private static Transition Edit(TuiState state, ConsoleKeyInfo key)
    {
        var wizard = state.Wizard!;
        var file = wizard.Preview!.Files.First(f => f.Path == wizard.EditTarget);
        return state.Start(new TuiEffect.EditFile(file.Path, file.After), $"editing {file.Path}");
    }

    private static Transition Toggle(TuiState state, ConsoleKeyInfo key)
    {
        var change = state.Wizard!.Change!;
        return state.Start(new TuiEffect.ToggleChange(change.Key), $"turning {change.RuleId} {(change.IsEnabled ? "off" : "on")}");
    }

    private static Transition AcceptAllSafe(TuiState state, ConsoleKeyInfo key)
    {
        var remaining = state.Wizard!.Snapshot.Remaining;
        return state with
        {
            Confirm = new ConfirmAction(
                "Accept all safe changes",
                $"Commit the safe changes of the {remaining} remaining step{(remaining == 1 ? "" : "s")}? Changes that need review are turned off and recorded.",
                new TuiEffect.AcceptAllSafe(),
                "accepting safe changes"),
        };
    }

    private static Transition Check(TuiState state, ConsoleKeyInfo key) =>
        new(state with { Screen = Screen.Check, Check = new CheckState(null), Busy = "checking", Message = null }, new TuiEffect.RunCheck());

    private static Transition Rule(TuiState state, ConsoleKeyInfo key)
    {
        var rule = state.Wizard!.Change!.RuleId;
        return state.Start(new TuiEffect.CountRule(rule), $"counting flows with {rule}");
    }

    private static Transition Scroll(TuiState state, ConsoleKeyInfo key)
    {
        var wizard = state.Wizard!;
        var page = Math.Max(1, state.DiffRows - 1);
        return state with
        {
            Wizard = key.Key switch
            {
                ConsoleKey.PageUp => wizard.ScrollBy(-page, state.DiffRows),
                ConsoleKey.PageDown => wizard.ScrollBy(page, state.DiffRows),
                ConsoleKey.Home => wizard.ScrollTo(0, state.DiffRows),
                _ => wizard.ScrollTo(int.MaxValue, state.DiffRows),
            },
        };
    }
}
