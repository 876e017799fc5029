using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>Which list of keys applies now, and dispatch: the first binding that matches runs, unless disabled (then the status line says why).</summary>
internal static class KeyMap
{
    public static IReadOnlyList<KeyBinding> Active(TuiState state) =>
        state.Confirm is not null ? ModalKeys.Confirm
        : state.ShowHelp ? ModalKeys.Help
        : Screen(state);

    /// <summary>The keys of the screen under any overlay (what the help overlay lists).</summary>
    public static IReadOnlyList<KeyBinding> Screen(TuiState state) => state.Screen switch
    {
        State.Screen.Wizard => WizardKeys.All,
        State.Screen.Check => CheckKeys.All,
        State.Screen.Commit => CommitKeys.All,
        _ when state.Overview.IsFiltering => FilterKeys.All,
        _ => OverviewKeys.All,
    };

    public static Transition Dispatch(TuiState state, ConsoleKeyInfo key)
    {
        var binding = Active(state).FirstOrDefault(b => b.Matches(key));
        if (binding is null)
        {
            return state;
        }

        return binding.DisabledReason(state) is { } reason
            ? state.Warn($"{binding.Label}: {reason}")
            : binding.Handler(state with { Message = null }, key);
    }
}
