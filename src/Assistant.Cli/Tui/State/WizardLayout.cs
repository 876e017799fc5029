namespace Assistant.Cli.Tui.State;

/// <summary>
/// The wizard's geometry, shared by the view (to draw) and the state (to scroll by a page and clamp):
/// title line, steps column | diff title + diff rows + TODO area, status line and key bar.
/// </summary>
internal static class WizardLayout
{
    public static int StepsWidth(TerminalSize size) => size.Clamped.Width >= 120 ? 32 : size.Clamped.Width >= 100 ? 28 : 24;

    public static int DiffWidth(TerminalSize size) => size.Clamped.Width - StepsWidth(size) - 1;

    public static int TodoItems(TerminalSize size, int items) => Math.Min(Math.Max(items, 1), size.Clamped.IsTall ? 8 : 3);

    public static int TodoArea(TerminalSize size, int items) => 1 + TodoItems(size, items);

    public static int DiffRows(TerminalSize size, int todoItems) => Math.Max(3, ScreenLayout.Body(size) - 1 - TodoArea(size, todoItems));

    public static int DiffRows(TerminalSize size, WizardSnapshot snapshot) =>
        DiffRows(size, (snapshot.Current?.Todos.Count ?? 0) + (snapshot.Current?.Problems.Count ?? 0));
}
