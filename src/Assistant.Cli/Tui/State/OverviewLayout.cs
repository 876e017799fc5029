namespace Assistant.Cli.Tui.State;

/// <summary>The overview's geometry: title, three header lines, the table's heading, rows, status line and key bar.</summary>
internal static class OverviewLayout
{
    public const int Header = 3 + 1;

    public static int TableRows(TerminalSize size) => Math.Max(1, ScreenLayout.Body(size) - Header);

    /// <summary>The first row shown so the selected row is visible (the selection sits in the middle when scrolling).</summary>
    public static int FirstRow(TerminalSize size, int selected, int count)
    {
        var rows = TableRows(size);
        return count <= rows ? 0 : Math.Clamp(selected - (rows / 2), 0, count - rows);
    }
}
