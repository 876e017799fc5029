using System.Globalization;
using System.Text;
using Assistant.Core.Migration.Reporting;

namespace Assistant.Cli.Output;

/// <summary>
/// <c>pr-body --flow ID</c>: the pull-request description of a flow branch — the steps and the rules they applied, the
/// behaviour check, the graph check, the TODOs (relative links <c>file#Lline</c>), how to validate and cut over side by side (seed 004),
/// and how to roll back.
/// </summary>
internal static class MarkdownPrBody
{
    public static string Write(RepositoryReport report, FlowReport flow, IReadOnlyList<FlowReport> unitFlows)
    {
        var status = flow.Status;
        var text = new StringBuilder();
        text.Append("## Migrate ").Append(Code(status.Name)).Append(" (").Append(status.Framework).Append(" → ").Append(Target(status.Framework, report.PrefectTarget)).Append(")\n\n");
        text.Append("Branch ").Append(Code(status.Branch ?? "-")).Append(" from ").Append(Code(report.BaseBranch)).Append(", mode ").Append(report.Mode)
            .Append(", state ").Append(FlowStates.Describe(status)).Append(".\n");
        text.Append("Flows on this branch: ").Append(string.Join(", ", unitFlows.Select(f => Code(f.Status.Id)))).Append(".\n\n");

        text.Append("### What changed\n\n");
        if (flow.Steps.Count == 0)
        {
            text.Append("No commits on the branch yet.\n");
        }

        foreach (var (step, index) in flow.Steps.Select((s, i) => (s, i + 1)))
        {
            var files = string.Join(", ", step.Diffs.Select(d => $"{Code(d.Path)} (+{d.Diff.Added} −{d.Diff.Removed})"));
            text.Append(index.ToString(CultureInfo.InvariantCulture)).Append(". **").Append(Escape(StepTitle(step.Subject))).Append("** (")
                .Append(step.Commit[..7]).Append(')').Append(files.Length > 0 ? ": " + files : string.Empty).Append('\n');
            foreach (var rule in step.Rules)
            {
                text.Append("   - ").Append(Escape(rule)).Append('\n');
            }
        }

        text.Append("\n### Behaviour check\n\n");
        if (flow.Check is not { } check)
        {
            text.Append("Not run (the flow has no branch).\n");
        }
        else
        {
            text.Append("Import check: **").Append(check.Passed ? "passed" : "failed").Append("**")
                .Append(check.Environment is null ? string.Empty : $" ({Escape(check.Environment)})").Append(".\n\n");
            foreach (var finding in check.Findings.Where(f => !GraphSection.IsGraphFinding(f)))
            {
                text.Append("- ").Append(finding.Severity).Append(' ').Append(Code($"{finding.File}:{finding.Line}")).Append(' ').Append(Escape(finding.Message)).Append('\n');
            }

            if (check.Behaviour.Count > 0)
            {
                text.Append("| status | entity | setting | before | after | explained by |\n|---|---|---|---|---|---|\n");
                foreach (var line in check.Behaviour.OrderBy(b => Rank(b.Status)).ThenBy(b => b.Entity, StringComparer.Ordinal))
                {
                    text.Append("| ").Append(line.Status).Append(" | ").Append(Cell(line.Entity)).Append(" | ").Append(Cell(line.Setting)).Append(" | ")
                        .Append(Cell(line.Before)).Append(" | ").Append(Cell(line.After)).Append(" | ").Append(Cell(line.ExplainedBy)).Append(" |\n");
                }
            }
        }

        text.Append("\n### Graph check\n\n");
        if (flow.Check is not { } graphCheck)
        {
            text.Append("Not run (the flow has no branch).\n");
        }
        else if (graphCheck.Graph.Count == 0)
        {
            text.Append(GraphSection.Ran(graphCheck)
                ? "The new flows call the same tasks, with the same data dependencies and ordering, as the old ones.\n"
                : "Not run (the import check did not pass, or the ruleset has no manifest of its source framework).\n");
        }
        else
        {
            text.Append("| severity | flow | finding | where | message |\n|---|---|---|---|---|\n");
            foreach (var line in GraphSection.Ordered(graphCheck.Graph))
            {
                text.Append("| ").Append(line.Severity).Append(" | ").Append(Cell(line.Flow)).Append(" | ").Append(line.Kind).Append(" | ")
                    .Append(Code(line.Line is { } at ? $"{line.File}:{at}" : line.File)).Append(" | ").Append(Cell(line.Message)).Append(" |\n");
            }
        }

        text.Append("\n### TODOs\n\n");
        if (flow.Todos.Count == 0)
        {
            text.Append("None.\n");
        }

        foreach (var todo in flow.Todos)
        {
            text.Append("- [ ] [").Append(todo.File).Append(':').Append(todo.Line.ToString(CultureInfo.InvariantCulture)).Append("](")
                .Append(todo.File).Append("#L").Append(todo.Line.ToString(CultureInfo.InvariantCulture)).Append(") **").Append(todo.RuleId).Append("** ")
                .Append(Escape(todo.Text)).Append('\n');
        }

        text.Append("""

            ### Validate and cut over

            The old flow keeps running from the base branch until cutover; the converted code lives beside it
            """);
        text.Append(report.Mode == "in-place" ? " (in place on this branch).\n" : " (under the parallel tree, run with it as the source root).\n");
        text.Append("""
            Schedules and triggers of the converted flow were generated **inactive** (Flyte `auto_activate=False`, Prefect
            `paused: true`), so old and new never both run the same job.

            1. Deploy the new flow next to the old one, pointing at **separate outputs** (dev storage, sandbox tables,
               a versioned image); run both on the same inputs (give the new one a different schedule or run it by hand, so
               both do not hit the same APIs at once).
            2. Compare the outputs: the **paths** written must be identical (strip timestamps from file names first), the
               **row counts** must match, and every **column** of the old output must be present in the new one.
            3. Resolve the TODOs above and make sure the behaviour check shows no unexplained change or drop.
            4. Cut over: **pause the v1 schedule** (unschedule the old launch plan / flow), then **activate the v2 one**
               (as each schedule TODO says), and point the new flow at the production outputs.
            5. Watch the first runs; keep the old flow deployable until the new one has run cleanly for a while.

            ### Roll back

            - Before merge: close this pull request; the base never changed.
            - After cutover: pause the v2 schedule, re-activate the v1 schedule and re-run the missed v1 runs to recover the
              data; the old code is untouched on the base until it is deprecated.
            - To drop the branch: `flowmigrate abandon --flow
            """);
        text.Append(' ').Append(status.Id).Append("`.\n");
        return text.ToString();
    }

    private static string Target(string framework, string prefectTarget) => framework.StartsWith("flyte", StringComparison.Ordinal) ? "flyte2" : prefectTarget;

    // "flowmigrate: daily_etl — Decorators" → "Decorators".
    private static string StepTitle(string subject)
    {
        var dash = subject.IndexOf(" — ", StringComparison.Ordinal);
        return dash < 0 ? subject : subject[(dash + 3)..];
    }

    private static int Rank(string status) => status switch { "dropped" => 0, "changed" => 1, "added" => 2, _ => 3 };

    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal) + "`";

    private static string Cell(string? text) => text is null ? "" : Escape(text).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Escape(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
