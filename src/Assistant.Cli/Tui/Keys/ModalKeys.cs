using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>Keys of the layers over a screen: the help overlay and confirmation dialogs.</summary>
internal static class ModalKeys
{
    public static IReadOnlyList<KeyBinding> Help { get; } =
    [
        new KeyBinding("?", "close the help (also Esc, q)", KeyMatch.Any(KeyMatch.Char('?'), KeyMatch.Char('q'), KeyMatch.Key(ConsoleKey.Escape)),
            (s, _) => s with { ShowHelp = false }) { Short = "close" },
        CommonKeys.Interrupt,
    ];

    public static IReadOnlyList<KeyBinding> Confirm { get; } =
    [
        new KeyBinding("y", "yes, do it (also enter)", KeyMatch.Any(KeyMatch.Char('y'), KeyMatch.Key(ConsoleKey.Enter)),
            (s, _) => (s with { Confirm = null }).Start(s.Confirm!.Effect, s.Confirm.Busy)) { Short = "yes" },
        new KeyBinding("n", "no (also Esc)", KeyMatch.Any(KeyMatch.Char('n'), KeyMatch.Key(ConsoleKey.Escape)),
            (s, _) => s with { Confirm = null }) { Short = "no" },
        CommonKeys.Interrupt,
    ];
}
