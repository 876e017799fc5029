using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>While typing a filter after <c>/</c>: letters go into the filter.</summary>
internal static class FilterKeys
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new KeyBinding("enter", "keep the filter", KeyMatch.Key(ConsoleKey.Enter), (s, _) => s with { Overview = s.Overview with { IsFiltering = false } }) { Short = "keep" },
        new KeyBinding("esc", "clear the filter", KeyMatch.Key(ConsoleKey.Escape), (s, _) => s with { Overview = s.Overview.WithFilter(string.Empty) with { IsFiltering = false } }) { Short = "clear" },
        new KeyBinding("⌫", "delete the last character", KeyMatch.Key(ConsoleKey.Backspace),
            (s, _) => s with { Overview = s.Overview.WithFilter(s.Overview.Filter.Length == 0 ? string.Empty : s.Overview.Filter[..^1]) }) { Short = "delete" },
        new KeyBinding("↑↓", "select a flow", KeyMatch.Key(ConsoleKey.UpArrow, ConsoleKey.DownArrow),
            (s, k) => s with { Overview = s.Overview.Select(s.Overview.Selected + (k.Key == ConsoleKey.UpArrow ? -1 : 1)) }) { InBar = false },
        new KeyBinding("text", "type to filter", KeyMatch.Text, (s, k) => s with { Overview = s.Overview.WithFilter(s.Overview.Filter + k.KeyChar) }) { InBar = false },
        CommonKeys.Interrupt,
    ];
}
