using Assistant.Cli.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>A confirmation dialog, centered over the screen.</summary>
internal static class DialogView
{
    public static IRenderable Render(ConfirmAction confirm, TerminalSize size)
    {
        var width = Math.Min(size.Width - 8, 72);
        var content = new Rows(new Paragraph(confirm.Question), new Text(string.Empty), new Markup("[bold yellow]y[/] yes    [bold yellow]n[/] no"));
        var panel = new Panel(content) { Width = width }.Header($" {confirm.Title} ").RoundedBorder();
        return Align.Center(panel, VerticalAlignment.Middle);
    }
}
