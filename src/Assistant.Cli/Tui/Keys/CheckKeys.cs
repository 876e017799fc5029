using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>The check screen's keys: commit when it passed; retry, edit, commit anyway or back when it failed.</summary>
internal static class CheckKeys
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new KeyBinding("enter", "review the commit of this step", KeyMatch.Key(ConsoleKey.Enter), (s, _) => ToCommit(s, overridden: false)) { Short = "commit" }
            .When(Running).When(Reasons.NoStep).When(s => s.Check?.Failed == true ? "the check failed (c commits anyway)" : null),
        new KeyBinding("r", "run the check again", KeyMatch.Char('r'),
            (s, _) => new Transition(s with { Check = new CheckState(null), Busy = "checking", Message = null }, new TuiEffect.RunCheck())) { Short = "retry" }
            .When(Running),
        new KeyBinding("e", "edit the converted file in $EDITOR", KeyMatch.Char('e'), Edit) { Short = "edit" }
            .When(Running).When(Reasons.NoStep).When(s => s.Wizard?.EditTarget is null ? "this step changes no file" : null),
        new KeyBinding("c", "commit anyway (the failed check is recorded)", KeyMatch.Char('c'), (s, _) => ToCommit(s, overridden: true)) { Short = "commit anyway" }
            .When(Running).When(Reasons.NoStep).When(s => s.Check?.Failed == true ? null : "the check passed (enter commits)"),
        CommonKeys.Help,
        new KeyBinding("q", "back to the step (also Esc)", KeyMatch.Any(KeyMatch.Char('q'), KeyMatch.Key(ConsoleKey.Escape)),
            (s, _) => s with { Screen = Screen.Wizard, Check = null }) { Short = "back" }
            .When(Running),
        CommonKeys.Interrupt,
    ];

    private static string? Running(TuiState state) => state.Check?.IsRunning == true || state.Busy is not null ? "the check is running" : null;

    private static Transition ToCommit(TuiState state, bool overridden) =>
        state.Wizard?.Snapshot.PendingCommit is { } commit
            ? state with { Screen = Screen.Commit, Commit = new CommitState(commit) { OverriddenCheck = overridden ? state.Check?.Report : null } }
            : state.Warn("the engine has no commit for this step");

    private static Transition Edit(TuiState state, ConsoleKeyInfo key)
    {
        var wizard = state.Wizard!;
        var file = wizard.Preview!.Files.First(f => f.Path == wizard.EditTarget);
        return state.Start(new TuiEffect.EditFile(file.Path, file.After), $"editing {file.Path}");
    }
}
