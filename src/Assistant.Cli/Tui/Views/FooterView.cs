using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Views;

/// <summary>
/// The two last lines. The status line: what runs (with a spinner), what just happened, the filter, or why
/// keys are disabled. The key bar: the keys that apply now, from the same list that dispatches them;
/// disabled keys are dimmed and their reasons are on the status line.
/// </summary>
internal static class FooterView
{
    public static Line Status(TuiState state)
    {
        var width = state.Size.Clamped.Width;
        if (state.Busy is { } busy)
        {
            return Line.Of($" {Theme.Spinner(state.Frame)} {busy}…", Theme.Warning).Fit(width);
        }

        if (state.Message is { } message)
        {
            return Line.Of(" " + message.Text, message.IsError ? Theme.Error : Theme.Ok).Fit(width);
        }

        if (state.Screen == Screen.Overview && state.Confirm is null && !state.ShowHelp && (state.Overview.IsFiltering || state.Overview.Filter.Length > 0))
        {
            var overview = state.Overview;
            return Line.Of(" filter: ", Theme.Bold).Add(overview.Filter + (overview.IsFiltering ? "▏" : string.Empty))
                .Add($"  ({overview.Visible.Count} of {overview.Flows.Count} flows)", Theme.Dim).Fit(width);
        }

        var disabled = KeyMap.Active(state).Where(b => b.InBar).Select(b => (b.Label, Reason: b.DisabledReason(state))).Where(b => b.Reason is not null).ToList();
        return disabled.Count == 0
            ? Line.Empty.Fit(width)
            : Line.Of(" " + string.Join(" · ", disabled.Select(d => $"{d.Label}: {d.Reason}")), Theme.Dim).Fit(width);
    }

    /// <summary>The key bar, wrapped by whole entries over <see cref="ScreenLayout.KeyBarLines"/> lines.</summary>
    public static IReadOnlyList<Line> Keys(TuiState state)
    {
        var width = state.Size.Clamped.Width;
        var count = ScreenLayout.KeyBarLines(state.Size);
        var lines = new List<Line> { Line.Of(" ") };
        foreach (var binding in KeyMap.Active(state).Where(b => b.InBar))
        {
            var enabled = binding.DisabledReason(state) is null;
            var entry = Line.Of(binding.Label, enabled ? Theme.Key : Theme.Dim).Add(" " + binding.BarText, enabled ? null : Theme.Dim);
            if (lines[^1].Width + entry.Width > width && lines.Count < count)
            {
                lines.Add(Line.Of(" "));
            }

            lines[^1].Add(entry).Add("  ");
        }

        while (lines.Count < count)
        {
            lines.Add(Line.Empty);
        }

        return lines.Select(l => l.Fit(width)).ToList();
    }
}
