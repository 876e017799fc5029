using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The help overlay, generated from the list of keys that dispatches them: key, what it does, and why it is disabled now.</summary>
internal static class HelpView
{
    public static IRenderable Render(TuiState state)
    {
        var width = Math.Min(state.Size.Clamped.Width - 4, 110);
        var lines = new List<IRenderable>();
        foreach (var binding in KeyMap.Screen(state))
        {
            var reason = binding.DisabledReason(state);
            var line = Line.Of(binding.Label.PadRight(10), reason is null ? Theme.Key : Theme.Dim).Add(binding.Description, reason is null ? null : Theme.Dim);
            lines.Add(reason is null ? line : line.Add($"  ({reason})", Theme.Warning));
        }

        var title = state.Screen switch
        {
            Screen.Wizard => " Keys: flow wizard ",
            Screen.Check => " Keys: check ",
            Screen.Commit => " Keys: commit ",
            _ => state.Overview.IsFiltering ? " Keys: filter " : " Keys: overview ",
        };
        var panel = new Panel(new Stack(lines)) { Width = width }.Header(title).RoundedBorder();
        return Align.Center(panel, VerticalAlignment.Middle);
    }
}
