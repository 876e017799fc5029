using System.Globalization;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Tui.Views;

/// <summary>The visible rows of the current step's diff: unified or side by side, with line numbers and each change's annotation.</summary>
internal static class DiffView
{
    public static List<Line> Render(WizardState wizard, int width, int rows)
    {
        var pane = wizard.Pane;
        var lines = pane.Rows.Skip(wizard.Scroll).Take(rows).Select(row => Row(wizard, row, width).Fit(width, IsSelected(wizard, row) ? Theme.Selected : null)).ToList();
        if (pane.Rows.Count == 0)
        {
            lines.Add(Line.Of(wizard.Preview is null ? "  every step of this flow is decided" : "  this step changes nothing", Theme.Dim).Fit(width));
        }

        return lines;
    }

    public static Line Title(WizardState wizard, int width)
    {
        if (wizard.Preview is not { } preview)
        {
            return Line.Of(" nothing left to decide", Theme.Dim).Fit(width);
        }

        var files = preview.Files.Count(f => f.IsChanged) + preview.Outcome.Generated.Count;
        var left = Line.Of(" " + preview.Step.Step.Title, Theme.Bold).Add($"  {files} file{(files == 1 ? "" : "s")}", Theme.Dim);
        var hunks = wizard.Pane.HunkStarts.Count;
        var right = hunks == 0 ? string.Empty : $" hunk {wizard.Hunk + 1}/{hunks}{(wizard.SideBySide ? " · side by side" : string.Empty)} ";
        return left.Fit(Math.Max(0, width - right.Length)).Add(right, Theme.Dim).Fit(width);
    }

    private static bool IsSelected(WizardState wizard, DiffRow row) => row.Kind == DiffRowKind.Change && row.Change == wizard.SelectedChange;

    private static Line Row(WizardState wizard, DiffRow row, int width) => row.Kind switch
    {
        DiffRowKind.File => Line.Of("── " + row.Text + " ", Theme.File),
        DiffRowKind.Hunk => Line.Of(row.Text, Theme.Hunk),
        DiffRowKind.Pair => Pair(row, width),
        DiffRowKind.Change => Annotation(wizard, row.Change!.Value),
        _ => Line.Of($"{Number(row.OldNumber)} {Number(row.NewNumber)} ", Theme.Dim)
            .Add(Sign(row.Kind) + " " + row.Text, row.Kind == DiffRowKind.Added ? Theme.Added : row.Kind == DiffRowKind.Removed ? Theme.Removed : null),
    };

    private static Line Annotation(WizardState wizard, int index)
    {
        var change = wizard.Preview!.Changes[index];
        var selected = index == wizard.SelectedChange;
        var style = selected ? Theme.Selected : null;
        var placed = wizard.Diff.ChangeHunks.ElementAtOrDefault(index) >= 0;
        var line = Line.Of(selected ? "        › " : "          ", style)
            .Add(change.IsEnabled ? "● " : "○ off ", style ?? (change.IsEnabled ? Theme.Ok : Theme.Dim))
            .Add(change.RuleId, style ?? Theme.Bold)
            .Add(" " + change.Safety.ToString().ToLowerInvariant(), style ?? Theme.Safety(change.Safety))
            .Add(change.IsRuleAccepted ? " rule accepted" : string.Empty, style ?? Theme.Ok)
            .Add(" " + change.Reason, style ?? (change.IsEnabled ? null : Theme.Dim));
        return placed ? line : line.Add($" ({change.File}:{change.Line})", style ?? Theme.Dim);
    }

    private static Line Pair(DiffRow row, int width)
    {
        var half = (width - 1) / 2;
        return Cell(row.Left, half).Add("│", Theme.Dim).Add(Cell(row.Right, width - half - 1));
    }

    private static Line Cell(DiffCell? cell, int width) =>
        cell is null
            ? Line.Empty.Fit(width)
            : Line.Of(Number(cell.Number) + " ", Theme.Dim)
                .Add(Sign(cell.Kind) + " " + cell.Text, cell.Kind == DiffLineKind.Added ? Theme.Added : cell.Kind == DiffLineKind.Removed ? Theme.Removed : null)
                .Fit(width);

    private static string Sign(DiffRowKind kind) => kind switch
    {
        DiffRowKind.Added => "+",
        DiffRowKind.Removed => "-",
        _ => " ",
    };

    private static string Sign(DiffLineKind kind) => kind switch
    {
        DiffLineKind.Added => "+",
        DiffLineKind.Removed => "-",
        _ => " ",
    };

    private static string Number(int? number) => (number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).PadLeft(4);
}
