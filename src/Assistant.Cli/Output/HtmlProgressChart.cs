using System.Globalization;
using System.Text;
using Assistant.Core.Migration.Reporting;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Output;

/// <summary>The report's progress chart, inline SVG: step commits on the flow branches over their committer dates
/// (cumulative), and the flows whose branch is complete by the date of its last commit.</summary>
internal static class HtmlProgressChart
{
    private const int Width = 640;
    private const int Height = 180;
    private const int Pad = 32;

    public static string Svg(RepositoryReport report)
    {
        var branches = report.Flows.Where(f => f.Steps.Count > 0).DistinctBy(f => f.Status.Branch).ToList();
        var steps = branches.SelectMany(f => f.Steps).Select(s => s.Date).Order().ToList();
        var completed = branches.Where(f => f.Status.State is FlowState.Committed or FlowState.Merged).Select(f => f.Steps[^1].Date).Order().ToList();
        if (steps.Count == 0)
        {
            return "<p class=\"empty chart\">No flow branch has commits yet: no progress to chart.</p>\n";
        }

        var start = steps[0];
        var end = steps[^1];
        var span = Math.Max(1, (end - start).TotalSeconds);
        var max = Math.Max(1, steps.Count);
        string X(DateTimeOffset date) => F(Pad + ((date - start).TotalSeconds / span * (Width - 2 * Pad)));
        string Y(int count) => F(Height - Pad - ((double)count / max * (Height - 2 * Pad)));
        string Line(IReadOnlyList<DateTimeOffset> dates) =>
            string.Join(' ', dates.Select((d, i) => $"{X(d)},{Y(i + 1)}").Prepend($"{X(start)},{Y(0)}"));

        var svg = new StringBuilder();
        svg.Append("<figure class=\"chart\"><svg id=\"progress\" role=\"img\" aria-label=\"Progress over the flow branches' commit dates\" viewBox=\"0 0 ")
            .Append(Width).Append(' ').Append(Height).Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<line class=\"axis\" x1=\"").Append(Pad).Append("\" y1=\"").Append(Height - Pad).Append("\" x2=\"").Append(Width - Pad).Append("\" y2=\"").Append(Height - Pad).Append("\"/>");
        svg.Append("<line class=\"axis\" x1=\"").Append(Pad).Append("\" y1=\"").Append(Pad).Append("\" x2=\"").Append(Pad).Append("\" y2=\"").Append(Height - Pad).Append("\"/>");
        svg.Append("<polyline class=\"steps\" points=\"").Append(Line(steps)).Append("\"/>");
        if (completed.Count > 0)
        {
            svg.Append("<polyline class=\"done\" points=\"").Append(Line(completed)).Append("\"/>");
        }

        svg.Append("<text x=\"").Append(Pad).Append("\" y=\"").Append(Height - 8).Append("\">").Append(HtmlReport.E(start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</text>");
        svg.Append("<text text-anchor=\"end\" x=\"").Append(Width - Pad).Append("\" y=\"").Append(Height - 8).Append("\">").Append(HtmlReport.E(end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</text>");
        svg.Append("<text x=\"4\" y=\"").Append(Pad - 8).Append("\">").Append(max).Append(" steps</text>");
        svg.Append("</svg><figcaption><span class=\"key steps\"></span> step commits (").Append(steps.Count).Append(") <span class=\"key done\"></span> flow branches complete (")
            .Append(completed.Count).Append(")</figcaption></figure>\n");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
