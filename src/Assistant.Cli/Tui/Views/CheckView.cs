using System.Globalization;
using Assistant.Cli.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The check screen: a spinner while the import and behaviour checks run, then the result and its findings.</summary>
internal static class CheckView
{
    public static IRenderable Render(TuiState state)
    {
        var width = state.Size.Clamped.Width;
        var flow = state.Wizard?.Snapshot.Flow.Name ?? "flow";
        var lines = new List<IRenderable> { Line.Empty, Line.Of($"  Checking the converted code of {flow}", Theme.Bold), Line.Empty };
        var check = state.Check;
        if (check?.Report is not { } report)
        {
            lines.Add(Line.Of($"  {Theme.Spinner(state.Frame)} ", Theme.Warning).Add("importing the converted modules in your Python and comparing them with the old code…"));
            return new Stack(lines.Select(l => ((Line)l).Fit(width)));
        }

        var seconds = report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        lines.Add(report.Passed
            ? Line.Of("  ✓ passed", Theme.Ok).Add($" in {seconds} s")
            : Line.Of("  ✗ failed", Theme.Error).Add($" in {seconds} s: {report.Findings.Count(f => f.Severity == "error")} error(s)"));
        if (report.Environment is { } environment)
        {
            lines.Add(Line.Of("    with " + environment, Theme.Dim));
        }

        lines.Add(Line.Empty);
        foreach (var finding in report.Findings)
        {
            var where = finding.File.Length == 0 ? string.Empty : finding.Line is { } line ? $"{finding.File}:{line} " : finding.File + " ";
            lines.Add(Line.Of($"  {finding.Severity,-7} ", finding.Severity == "error" ? Theme.Error : Theme.Warning).Add(where, Theme.Dim)
                .Add(finding.RuleId is { } rule ? $" written by {rule}" : string.Empty, Theme.Dim));
            lines.Add(Line.Of("          " + finding.Message));
        }

        lines.Add(Line.Empty);
        lines.Add(report.Passed
            ? Line.Of("  enter reviews the commit of this step; q goes back to the diff.", Theme.Dim)
            : Line.Of("  r retries · e edits the file · c commits anyway (recorded) · q goes back.", Theme.Dim));
        return new Stack(lines.Select(l => ((Line)l).Fit(width)));
    }
}
