namespace Assistant.Cli.Tui.State;

/// <summary>The frame every screen shares: a title line, the body, a status line and the key bar (two lines below 120 columns).</summary>
internal static class ScreenLayout
{
    public static int KeyBarLines(TerminalSize size) => size.Clamped.Width < 120 ? 2 : 1;

    public static int Chrome(TerminalSize size) => 2 + KeyBarLines(size);

    public static int Body(TerminalSize size) => size.Clamped.Height - Chrome(size);
}
