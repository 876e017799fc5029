using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Core.Migration.Reporting;
using Assistant.Core.Migration.Session;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Output;

/// <summary>
/// <c>report --html FILE</c>: one self-contained HTML page (inline CSS, inline SVG, no script or asset from the network):
/// summary, progress chart, flow table, per-flow steps with colored diffs and the behaviour check, and every TODO.
/// Every piece of repository content goes through <see cref="E"/>.
/// </summary>
internal static partial class HtmlReport
{
    public static string Write(RepositoryReport report, bool checksRan, DateTimeOffset generated)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>flowmigrate report · ").Append(E(Path.GetFileName(report.Root))).Append("</title>\n<style>").Append(HtmlReportStyle.Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Migration report: ").Append(E(Path.GetFileName(report.Root))).Append("</h1><p class=\"meta\">")
            .Append(E(report.Root)).Append(" · base <code>").Append(E(report.BaseBranch)).Append("</code> (").Append(E(report.BaseCommit[..Math.Min(12, report.BaseCommit.Length)]))
            .Append(") · ").Append(E(report.Mode)).Append(" · Prefect target ").Append(E(report.PrefectTarget)).Append(" · generated ")
            .Append(E(generated.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))).Append("</p>\n");
        html.Append("<nav><a href=\"#summary\">Summary</a> <a href=\"#flows\">Flows</a> <a href=\"#details\">Details</a> <a href=\"#todos\">TODOs</a></nav></header>\n<main>\n");
        Summary(html, report);
        FlowTable(html, report, checksRan);
        Details(html, report, checksRan);
        Todos(html, report);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, RepositoryReport report)
    {
        var flows = report.Flows;
        html.Append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
        Card(html, "flows", flows.Count, "total");
        foreach (var state in Enum.GetValues<FlowState>())
        {
            Card(html, FlowStates.Of(state), flows.Count(f => f.Status.State == state), "state-" + FlowStates.Of(state));
        }

        Card(html, "todos", report.Todos.Count, "todo");
        html.Append("</div>\n<table class=\"targets\"><thead><tr><th>source → target</th><th>flows</th>");
        foreach (var state in Enum.GetValues<FlowState>())
        {
            html.Append("<th>").Append(FlowStates.Of(state)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var group in flows.GroupBy(f => f.Status.Framework).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(group.Key)).Append(" → ").Append(E(group.Key.StartsWith("flyte", StringComparison.Ordinal) ? "flyte2" : report.PrefectTarget))
                .Append("</td><td class=\"num\">").Append(group.Count()).Append("</td>");
            foreach (var state in Enum.GetValues<FlowState>())
            {
                html.Append("<td class=\"num\">").Append(group.Count(f => f.Status.State == state)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
        html.Append(HtmlProgressChart.Svg(report));
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string label, int count, string css) =>
        html.Append("<div class=\"card ").Append(css).Append("\" data-count=\"").Append(count).Append("\"><span class=\"count\">").Append(count)
            .Append("</span><span class=\"label\">").Append(E(label)).Append("</span></div>");

    private static void FlowTable(StringBuilder html, RepositoryReport report, bool checksRan)
    {
        html.Append("<section id=\"flows\"><h2>Flows</h2>\n<table class=\"flows\"><thead><tr><th>flow</th><th>framework</th><th>state</th><th>branch</th><th>steps</th><th>todos</th>");
        html.Append(checksRan ? "<th>check</th>" : string.Empty).Append("</tr></thead><tbody>\n");
        foreach (var flow in report.Flows)
        {
            var status = flow.Status;
            html.Append("<tr class=\"flow\" data-state=\"").Append(FlowStates.Of(status.State)).Append("\"><td><a href=\"#").Append(Anchor(status.Id)).Append("\">")
                .Append(E(status.Name)).Append("</a><div class=\"id\">").Append(E(status.Id)).Append("</div></td><td>").Append(E(status.Framework))
                .Append("</td><td><span class=\"state state-").Append(FlowStates.Of(status.State)).Append("\">").Append(E(FlowStates.Describe(status))).Append("</span>")
                .Append(status.IsBehindBase ? " <span class=\"warn\">behind base</span>" : string.Empty).Append("</td><td><code>").Append(E(status.Branch ?? "–"))
                .Append("</code></td><td class=\"num\">").Append(flow.Steps.Count).Append(" / ").Append(status.StepCount).Append("</td><td class=\"num\">")
                .Append(flow.Todos.Count).Append("</td>");
            if (checksRan)
            {
                html.Append("<td>").Append(CheckBadge(flow)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string CheckBadge(FlowReport flow) => flow.Check switch
    {
        null => "<span class=\"check none\">no branch</span>",
        { Passed: true } check => $"<span class=\"check passed\">passed</span> {Counts(check)}",
        var check => $"<span class=\"check failed\">failed</span> {Counts(check)}",
    };

    private static string Counts(FlowCheckReport check) =>
        E(string.Join(", ", check.Behaviour.GroupBy(b => b.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")))
        + (GraphSection.Ran(check) ? GraphCounts(check) : string.Empty);

    // "graph: 1 error, 2 warnings" (or "graph: same calls"), with the numbers as data attributes for scripts and tests.
    private static string GraphCounts(FlowCheckReport check)
    {
        var (errors, warnings) = (GraphSection.Errors(check), GraphSection.Warnings(check));
        var text = errors + warnings == 0 ? "same calls"
            : string.Join(", ", new[] { (errors, "error"), (warnings, "warning") }.Where(c => c.Item1 > 0).Select(c => $"{c.Item1} {c.Item2}{(c.Item1 == 1 ? "" : "s")}"));
        return $" <span class=\"graph-counts{(errors > 0 ? " has-errors" : "")}\" data-errors=\"{errors}\" data-warnings=\"{warnings}\">graph: {E(text)}</span>";
    }

    private static void Details(StringBuilder html, RepositoryReport report, bool checksRan)
    {
        html.Append("<section id=\"details\"><h2>Details</h2>\n");
        foreach (var flow in report.Flows)
        {
            var status = flow.Status;
            html.Append("<article class=\"flow-detail\" id=\"").Append(Anchor(status.Id)).Append("\"><h3>").Append(E(status.Name)).Append(" <small>")
                .Append(E(FlowStates.Describe(status))).Append("</small></h3>\n<p class=\"meta\">defined at <a href=\"").Append(E(Link(status.File, flow.Line))).Append("\">")
                .Append(E($"{status.File}:{flow.Line}")).Append("</a>").Append(status.Branch is null ? string.Empty : $" · branch <code>{E(status.Branch)}</code>")
                .Append(status.Note is null ? string.Empty : $" · {E(status.Note)}").Append("</p>\n");
            if (flow.Steps.Count == 0)
            {
                html.Append("<p class=\"empty\">No commits yet.</p>\n");
            }

            foreach (var step in flow.Steps)
            {
                html.Append("<details class=\"step\" open><summary><span class=\"subject\">").Append(E(step.Subject)).Append("</span> <code class=\"commit\">").Append(E(step.Commit[..7]))
                    .Append("</code> <time>").Append(E(step.Date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</time></summary>\n");
                if (step.Rules.Count > 0)
                {
                    html.Append("<ul class=\"rules\">");
                    foreach (var rule in step.Rules)
                    {
                        html.Append("<li>").Append(E(rule)).Append("</li>");
                    }

                    html.Append("</ul>\n");
                }

                foreach (var diff in step.Diffs)
                {
                    Diff(html, diff);
                }

                html.Append("</details>\n");
            }

            if (checksRan && flow.Check is { } check)
            {
                Behaviour(html, check);
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
    }

    private static void Diff(StringBuilder html, FileDiff diff)
    {
        html.Append("<div class=\"diff\"><div class=\"diff-file\">").Append(E(diff.OldPath == diff.Path ? diff.Path : $"{diff.OldPath} → {diff.Path}"))
            .Append(" <span class=\"stat\"><span class=\"add\">+").Append(diff.Diff.Added).Append("</span> <span class=\"del\">−").Append(diff.Diff.Removed).Append("</span></span></div><pre>");
        // Block spans with no newline between them: inside <pre> a newline would add a blank line.
        foreach (var hunk in diff.Diff.Hunks)
        {
            html.Append("<span class=\"hunk\">").Append(E(hunk.Header)).Append("</span>");
            foreach (var line in hunk.Lines)
            {
                var (css, sign) = line.Kind switch
                {
                    DiffLineKind.Added => ("line added", '+'),
                    DiffLineKind.Removed => ("line removed", '-'),
                    _ => ("line context", ' '),
                };
                html.Append("<span class=\"").Append(css).Append("\">").Append(sign).Append(Highlight(line.Text)).Append("</span>");
            }
        }

        html.Append("</pre></div>\n");
    }

    private static void Behaviour(StringBuilder html, FlowCheckReport check)
    {
        html.Append("<h4>Behaviour check: <span class=\"check ").Append(check.Passed ? "passed\">passed" : "failed\">failed").Append("</span></h4>\n");
        foreach (var finding in check.Findings.Where(f => !GraphSection.IsGraphFinding(f)))
        {
            html.Append("<p class=\"finding ").Append(E(finding.Severity)).Append("\">").Append(E(finding.Severity)).Append(' ')
                .Append(E($"{finding.File}:{finding.Line}")).Append(' ').Append(E(finding.Message)).Append("</p>\n");
        }

        if (check.Behaviour.Count == 0 && check.Graph.Count == 0)
        {
            return;
        }

        // The settings and the calls side by side (they wrap one under the other on narrow screens and in print).
        html.Append("<div class=\"check-tables\">\n");
        if (check.Behaviour.Count > 0)
        {
            BehaviourTable(html, check);
        }

        GraphTable(html, check);
        html.Append("</div>\n");
    }

    private static void GraphTable(StringBuilder html, FlowCheckReport check)
    {
        html.Append("<div class=\"graph-check\"><h5>Graph check</h5>\n");
        if (check.Graph.Count == 0)
        {
            html.Append("<p class=\"graph-same\">The new flows call the same tasks, with the same data dependencies and ordering, as the old ones.</p></div>\n");
            return;
        }

        html.Append("<table class=\"graph\"><thead><tr><th>severity</th><th>flow</th><th>finding</th><th>where</th><th>message</th></tr></thead><tbody>\n");
        foreach (var line in GraphSection.Ordered(check.Graph))
        {
            // Paths are relative to the checked tree (the parallel tree side by side), so they are shown, not linked.
            var where = $"<code>{E(line.Line is { } at ? $"{line.File}:{at}" : line.File)}</code>";
            html.Append("<tr class=\"g-").Append(E(line.Severity)).Append("\" data-kind=\"").Append(E(line.Kind)).Append("\"><td>").Append(E(line.Severity)).Append("</td><td>")
                .Append(E(line.Flow)).Append("</td><td>").Append(E(line.Kind)).Append("</td><td>").Append(where).Append("</td><td>").Append(E(line.Message)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void BehaviourTable(StringBuilder html, FlowCheckReport check)
    {
        html.Append("<table class=\"behaviour\"><thead><tr><th>status</th><th>entity</th><th>setting</th><th>before</th><th>after</th><th>explained by</th></tr></thead><tbody>\n");
        foreach (var line in check.Behaviour)
        {
            html.Append("<tr class=\"b-").Append(E(line.Status)).Append("\"><td>").Append(E(line.Status)).Append("</td><td>").Append(E(line.Entity)).Append("</td><td>")
                .Append(E(line.Setting)).Append("</td><td><code>").Append(E(line.Before ?? "")).Append("</code></td><td><code>").Append(E(line.After ?? ""))
                .Append("</code></td><td>").Append(E(line.ExplainedBy ?? "")).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Todos(StringBuilder html, RepositoryReport report)
    {
        var todos = report.Todos;
        html.Append("<section id=\"todos\"><h2>TODOs <small>(").Append(todos.Count).Append(")</small></h2>\n");
        if (todos.Count == 0)
        {
            html.Append("<p class=\"empty\">No TODO markers.</p>\n");
        }
        else
        {
            html.Append("<table class=\"todos\"><thead><tr><th>where</th><th>rule</th><th>what to do</th></tr></thead><tbody>\n");
            foreach (var todo in todos)
            {
                html.Append("<tr class=\"todo\" id=\"todo-").Append(Anchor($"{todo.File}:{todo.Line}")).Append("\"><td><a class=\"todo-link\" href=\"").Append(E(Link(todo.File, todo.Line)))
                    .Append("\">").Append(E($"{todo.File}:{todo.Line}")).Append("</a></td><td><code>").Append(E(todo.RuleId)).Append("</code></td><td>")
                    .Append(E(todo.Text)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    // Relative to the report's repository root, as code hosts link lines.
    private static string Link(string file, int line) => string.Join('/', file.Split('/').Select(Uri.EscapeDataString)) + "#L" + line.ToString(CultureInfo.InvariantCulture);

    private static string Anchor(string id) => "f-" + AnchorUnsafe().Replace(id, "-");

    public static string E(string text) => WebUtility.HtmlEncode(text);

    // Python keywords, strings and comments, on an already split line; everything is encoded.
    private static string Highlight(string code)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match match in Token().Matches(code))
        {
            html.Append(E(code[last..match.Index]));
            var css = match.Groups["comment"].Success ? "com" : match.Groups["string"].Success ? "str" : "kw";
            html.Append("<span class=\"").Append(css).Append("\">").Append(E(match.Value)).Append("</span>");
            last = match.Index + match.Length;
        }

        return html.Append(E(code[last..])).ToString();
    }

    [GeneratedRegex(@"(?<comment>#.*$)|(?<string>""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*')|\b(?:def|class|return|import|from|as|with|if|elif|else|for|in|while|async|await|lambda|None|True|False|and|or|not|try|except|finally|raise|yield|pass)\b")]
    private static partial Regex Token();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex AnchorUnsafe();
}
