using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Views;

/// <summary>The first line: the product, where you are, and the flow's branch when one is open.</summary>
internal static class TitleBar
{
    public static Line Render(TuiState state)
    {
        var width = state.Size.Clamped.Width;
        var left = state.Screen switch
        {
            Screen.Overview => " flowmigrate · overview",
            _ when state.Wizard is { } wizard => $" flowmigrate · {wizard.Snapshot.Flow.Name} · {Where(state.Screen, wizard.Snapshot)}",
            _ => " flowmigrate",
        };
        var right = state.Wizard?.Snapshot.Flow.Branch ?? state.Overview.Repository?.Root ?? string.Empty;
        if (left.Length + right.Length + 2 > width)
        {
            right = string.Empty;
        }

        return Line.Of(left.PadRight(width - right.Length - 1) + right + " ", Theme.Title).Fit(width, Theme.Title);
    }

    private static string Where(Screen screen, WizardSnapshot wizard)
    {
        var step = wizard.Current is { } current ? $"step {wizard.StepNumber} of {wizard.Steps.Count}: {current.Step.Step.Title}" : "every step decided";
        return screen switch
        {
            Screen.Check => "check · " + step,
            Screen.Commit => "commit · " + step,
            _ => step,
        };
    }
}
