using Assistant.Cli.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The commit screen: the branch, then the commit message exactly as it will be written (subject, body, trailers).</summary>
internal static class CommitView
{
    public static IRenderable Render(TuiState state)
    {
        var commit = state.Commit!;
        var preview = commit.Preview;
        var lines = new List<IRenderable>
        {
            Line.Of("branch  ", Theme.Dim).Add(preview.Branch, Theme.Bold),
            Line.Empty,
            Line.Of(preview.Subject, Theme.Bold),
        };
        if (preview.Body.Length > 0)
        {
            lines.Add(Line.Empty);
            // The body wraps (it is prose and lists); everything else is one line each.
            lines.AddRange(preview.Body.Split('\n').Select(l => new Paragraph(l)));
        }

        if (preview.Trailers.Count > 0)
        {
            lines.Add(Line.Empty);
            lines.AddRange(preview.Trailers.Select(t => Line.Of(t.Key + ": ", Theme.Dim).Add(t.Value)));
        }

        if (commit.OverriddenCheck is { } report)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of($"the check failed with {report.Findings.Count(f => f.Severity == "error")} error(s); committing anyway is recorded", Theme.Warning));
        }

        if (commit.Failure is { } failure)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of("not committed: " + failure.Error, Theme.Error));
        }

        return new Panel(new Stack(lines)).Header(" Commit ").Expand().RoundedBorder();
    }
}
