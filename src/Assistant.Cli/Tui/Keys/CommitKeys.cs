using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>The commit screen's keys.</summary>
internal static class CommitKeys
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new KeyBinding("enter", "commit this step on the flow's branch", KeyMatch.Key(ConsoleKey.Enter), Commit) { Short = "commit" }
            .When(Reasons.Busy),
        new KeyBinding("H", "commit without running git hooks (--no-verify)", KeyMatch.Char('H'),
            (s, _) => s.Start(new TuiEffect.AcceptStep(SkipHooks: true), "committing without hooks")) { Short = "skip hooks" }
            .When(Reasons.Busy).When(s => s.Commit?.Failure?.HookFailed == true ? null : "only after a hook rejected the commit"),
        CommonKeys.Help,
        new KeyBinding("q", "back to the step without committing (also Esc)", KeyMatch.Any(KeyMatch.Char('q'), KeyMatch.Key(ConsoleKey.Escape)),
            (s, _) => s with { Screen = Screen.Wizard, Commit = null }) { Short = "back" }
            .When(Reasons.Busy),
        CommonKeys.Interrupt,
    ];

    private static Transition Commit(TuiState state, ConsoleKeyInfo key) =>
        state.Commit?.OverriddenCheck is { } report
            ? state.Start(new TuiEffect.AcceptDespiteCheck(report), "committing (check overridden)")
            : state.Start(new TuiEffect.AcceptStep(SkipHooks: false), "committing");
}
