using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>Keys every screen has.</summary>
internal static class CommonKeys
{
    public static KeyBinding Help { get; } = new("?", "show every key and what it does", KeyMatch.Char('?'),
        (state, _) => state with { ShowHelp = true }) { Short = "help" };

    public static KeyBinding Interrupt { get; } = new("ctrl+c", "quit now (decisions are already recorded)", KeyMatch.Control(ConsoleKey.C),
        (state, _) => new Transition(state with { IsQuitting = true }, new TuiEffect.Quit())) { InBar = false };
}
