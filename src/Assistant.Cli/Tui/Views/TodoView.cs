using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Views;

/// <summary>Under the diff: the manual TODOs this step adds, and the problems it reports (dropped fixes).</summary>
internal static class TodoView
{
    public static List<Line> Render(WizardState wizard, TerminalSize size, int width)
    {
        var todos = wizard.Preview?.Todos ?? [];
        var problems = wizard.Preview?.Problems ?? [];
        var items = todos.Select(t => Line.Of("  " + t.RuleId, Theme.Warning).Add($" {t.File}:{t.Line} ", Theme.Dim).Add(t.Text))
            .Concat(problems.Select(p => Line.Of("  ! ", Theme.Error).Add(p)))
            .ToList();
        var room = WizardLayout.TodoItems(size, items.Count);
        var lines = new List<Line> { Line.Of($" TODOs this step adds ({todos.Count})" + (problems.Count > 0 ? $" · {problems.Count} problem{(problems.Count == 1 ? "" : "s")}" : string.Empty), Theme.Bold) };
        if (items.Count == 0)
        {
            lines.Add(Line.Of("  none: everything in this step converts automatically", Theme.Dim));
        }
        else if (items.Count <= room)
        {
            lines.AddRange(items);
        }
        else
        {
            lines.AddRange(items.Take(room - 1));
            lines.Add(Line.Of($"  … and {items.Count - room + 1} more (flowmigrate status lists them all)", Theme.Dim));
        }

        return lines.Select(l => l.Fit(width)).ToList();
    }
}
