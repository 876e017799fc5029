using Assistant.Cli.Tui.State;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The whole screen for a state: title line, the screen's body (or the help overlay / a dialog over it), status line, key bar.</summary>
internal static class ScreenView
{
    public static IRenderable Render(TuiState state)
    {
        var size = state.Size.Clamped;
        var body = ScreenLayout.Body(size);
        IRenderable content = state.Confirm is { } confirm ? DialogView.Render(confirm, size)
            : state.ShowHelp ? HelpView.Render(state)
            : state.Screen switch
            {
                Screen.Wizard when state.Wizard is not null => WizardView.Render(state),
                Screen.Check => CheckView.Render(state),
                Screen.Commit when state.Commit is not null => CommitView.Render(state),
                _ => OverviewView.Render(state),
            };
        return new Stack([TitleBar.Render(state), new Region(content, body), FooterView.Status(state), .. FooterView.Keys(state)]);
    }
}
