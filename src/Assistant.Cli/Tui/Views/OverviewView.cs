using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The overview: repository, base, frameworks, Prefect target and mode; summary counts (or scan progress); the flows table.</summary>
internal static class OverviewView
{
    public static IRenderable Render(TuiState state)
    {
        var size = state.Size.Clamped;
        var overview = state.Overview;
        var lines = new List<IRenderable>();
        if (overview.Repository is { } repository)
        {
            var summary = overview.Summary;
            lines.Add(Line.Of(" repo ", Theme.Dim).Add(repository.Root, Theme.Bold).Add("  base ", Theme.Dim).Add(repository.BaseBranch)
                .Add("  frameworks ", Theme.Dim).Add(repository.Frameworks.Count == 0 ? "none found" : string.Join(", ", repository.Frameworks)).Fit(size.Width));
            var counts = Line.Of(" Prefect target ", Theme.Dim).Add(repository.PrefectTarget).Add("  mode ", Theme.Dim).Add(repository.Mode)
                .Add($"  {summary.Total} flow{(summary.Total == 1 ? "" : "s")}", Theme.Bold);
            lines.Add((overview.StatesPending ? counts : counts.Add($"  {summary.Todos} TODO{(summary.Todos == 1 ? "" : "s")}", summary.Todos > 0 ? Theme.Warning : Theme.Dim)).Fit(size.Width));
            lines.Add((overview.StatesPending ? Line.Of(" states, branches and TODOs: reading them from git…", Theme.Dim) : Summary(summary, size.Width)).Fit(size.Width));
        }
        else
        {
            lines.Add(Line.Of(" scanning the repository for Flyte 1 and Prefect 1 flows…", Theme.Bold).Fit(size.Width));
            lines.Add(Progress(overview.Scan, size.Width - 2).Fit(size.Width));
            lines.Add(Line.Empty.Fit(size.Width));
        }

        var columns = Columns.For(size.Width);
        lines.Add(columns.Heading().Fit(size.Width));
        var visible = overview.Visible;
        if (!overview.IsScanning && visible.Count == 0)
        {
            lines.Add(Line.Of(overview.Flows.Count == 0 ? "   no Flyte 1 or Prefect 1 flows in this repository" : "   no flow matches the filter", Theme.Dim));
        }

        var first = OverviewLayout.FirstRow(size, overview.Selected, visible.Count);
        foreach (var (flow, index) in visible.Select((f, i) => (f, i)).Skip(first).Take(OverviewLayout.TableRows(size)))
        {
            lines.Add(columns.Row(flow, index == overview.Selected, overview.StatesPending).Fit(size.Width, index == overview.Selected ? Theme.Selected : null));
        }

        return new Stack(lines);
    }

    private static Line Summary(OverviewSummary s, int width)
    {
        var parts = new (int Count, string Label, Spectre.Console.Style Style)[]
        {
            (s.NotStarted, "not started", Style.Plain), (s.InProgress, "in progress", Theme.Warning), (s.Committed, "committed", Theme.Ok),
            (s.Merged, "merged", Theme.Ok), (s.Skipped, "skipped", Theme.Dim), (s.MigratedOutside, "migrated outside", Theme.Dim),
        }.Where(p => p.Count > 0).ToList();
        var narrow = parts.Sum(p => $"{p.Count} {p.Label}".Length) + (3 * parts.Count) > width;
        var line = Line.Of(" ");
        foreach (var (part, index) in parts.Select((p, i) => (p, i)))
        {
            var label = narrow && part.Label == "migrated outside" ? "outside" : part.Label;
            line.Add(index == 0 ? string.Empty : narrow ? ", " : " · ").Add($"{part.Count} {label}", part.Style);
        }

        return line;
    }

    private static Line Progress(Assistant.Core.Migration.Inventory.ScanProgress? progress, int width)
    {
        if (progress is null || progress.Total == 0)
        {
            return Line.Of(" reading the file list…", Theme.Dim);
        }

        var label = $" {progress.Seen}/{progress.Total} files, {progress.Parsed} parsed";
        var bar = Math.Max(10, width - label.Length - 2);
        var done = (int)Math.Round(bar * Math.Clamp(progress.Seen / (double)progress.Total, 0, 1));
        return Line.Of(" ").Add(new string('━', done), Theme.Ok).Add(new string('─', bar - done), Theme.Dim).Add(label);
    }

    private sealed record Columns(int Name, int File, int Branch)
    {
        private const int Tasks = 5;
        private const int State = 16;
        private const int Todos = 5;

        public static Columns For(int width)
        {
            var flexible = width - 2 - Tasks - State - Todos - 5;
            if (width < 100)
            {
                var name = flexible * 45 / 100;
                return new Columns(name, flexible - name, 0);
            }

            var branch = (flexible - 1) * 30 / 100;
            var nameWide = (flexible - 1) * 30 / 100;
            return new Columns(nameWide, flexible - 1 - branch - nameWide, branch);
        }

        public Line Heading()
        {
            var text = "  " + Cell("flow", Name) + " " + Cell("file", File) + " " + Cell("tasks", Tasks) + " " + Cell("state", State) + " " + Cell("TODOs", Todos);
            return Line.Of(Branch > 0 ? text + " " + Cell("branch", Branch) : text, Theme.Bold);
        }

        /// <summary>One flow; with <paramref name="pending"/> its state, TODOs and branch are not read yet and show as "…".</summary>
        public Line Row(FlowStatus flow, bool selected, bool pending)
        {
            var style = selected ? Theme.Selected : null;
            var line = Line.Of(selected ? "› " : "  ", style)
                .Add(Cell(flow.Name, Name) + " ", style)
                .Add(Cell(flow.File, File) + " ", style ?? Theme.Dim)
                .Add(Cell(flow.TaskCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Tasks, right: true) + " ", style);
            if (pending)
            {
                line.Add(Cell("…", State) + " ", style ?? Theme.Dim).Add(Cell("…", Todos, right: true), style ?? Theme.Dim);
                return Branch > 0 ? line.Add(" " + Cell("…", Branch), style ?? Theme.Dim) : line;
            }

            line.Add(Cell(StateLabels.Of(flow) + (flow.IsBehindBase ? " ↻" : string.Empty), State) + " ", style ?? StateStyle(flow.State))
                .Add(Cell(flow.Todos == 0 ? "·" : flow.Todos.ToString(System.Globalization.CultureInfo.InvariantCulture), Todos, right: true), style ?? (flow.Todos > 0 ? Theme.Warning : Theme.Dim));
            return Branch > 0 ? line.Add(" " + Cell(flow.Branch ?? "·", Branch), style ?? Theme.Dim) : line;
        }

        private static Style StateStyle(FlowState state) => state switch
        {
            FlowState.InProgress => Theme.Warning,
            FlowState.Committed or FlowState.Merged => Theme.Ok,
            FlowState.Skipped or FlowState.MigratedOutside => Theme.Dim,
            _ => Style.Plain,
        };

        private static string Cell(string text, int width, bool right = false)
        {
            if (text.Length > width)
            {
                return width <= 1 ? text[..width] : text[..(width - 1)] + "…";
            }

            return right ? text.PadLeft(width) : text.PadRight(width);
        }
    }
}
