using System.CommandLine;
using System.Text;
using System.Text.Json;
using Assistant.Cli.Hosting;
using Assistant.Core.Migration.Session;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate check [PATH] [--flow ID…] [--json]</c>: imports each migrated flow's branch in the user's
/// Python (stand-in for the target framework unless installed), compares what it declares with the old
/// code, and what its flows call (the graph check). Exit 1 when any flow fails.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var flows = new Option<string[]>("--flow") { Description = "Check only these flows (repeatable)", AllowMultipleArgumentsPerToken = true };
        var json = SharedOptions.Json();
        var python = SharedOptions.Python();
        var target = SharedOptions.Target();
        var command = new Command("check", "Import-check migrated flow branches and compare what they declare with the old code") { path, flows, json, python, target };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker, new SessionFlags(null, result.GetValue(target), null, true), cancellationToken, consoles: consoles.Error);
            var selected = result.GetValue(flows) ?? [];
            var statuses = (await session.StatusAsync(cancellationToken))
                .Where(s => selected.Length == 0 ? s.Branch is not null : selected.Contains(s.Id))
                .DistinctBy(s => s.Branch ?? s.Id)
                .ToList();
            // The flows are checked side by side, on a Python worker per core (see CheckWorkers).
            using var workers = CheckWorkers.For(worker, statuses.Count, Environment.ProcessorCount);
            var checks = await session.CheckFlowsAsync(statuses.Select(s => s.Id).ToList(), workers.More, cancellationToken);
            var reports = statuses.Zip(checks, (status, report) => (Flow: status, Report: report)).ToList();

            if (result.GetValue(json))
            {
                Console.Out.WriteLine(Json(reports));
            }
            else
            {
                Print(consoles.Out, reports);
            }

            return reports.All(r => r.Report?.Passed != false) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static void Print(IAnsiConsole output, List<(FlowStatus Flow, FlowCheckReport? Report)> reports)
    {
        if (reports.Count == 0)
        {
            output.MarkupLine("no flow has a flowmigrate branch yet; run flowmigrate migrate first");
        }

        foreach (var (flow, report) in reports)
        {
            var verdict = report is null ? "[grey]no branch[/]" : report.Passed ? "[green]passed[/]" : "[red]failed[/]";
            output.MarkupLine($"{verdict} {Markup.Escape(flow.Name)} ({Markup.Escape(flow.Branch ?? "-")}){(report?.Environment is { } env ? $" · {Markup.Escape(env)}" : "")}");
            // Graph findings are listed in the graph table below.
            foreach (var finding in (report?.Findings ?? []).Where(f => !f.Message.StartsWith("graph: ", StringComparison.Ordinal)))
            {
                var rule = finding.RuleId is null ? string.Empty : $" [{finding.RuleId} produced this line]";
                output.MarkupLine($"  {Markup.Escape(finding.Severity)} {Markup.Escape($"{finding.File}:{finding.Line}")} {Markup.Escape(finding.Message + rule)}");
            }

            if (report?.Behaviour.Count > 0)
            {
                var counts = report.Behaviour.GroupBy(b => b.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
                output.MarkupLine($"  behaviour: {Markup.Escape(string.Join(", ", counts))}");
            }

            if (report?.Graph.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple).Expand()
                    .AddColumn(new TableColumn("graph").NoWrap()).AddColumn(new TableColumn("flow").NoWrap()).AddColumn("finding");
                foreach (var line in report.Graph.OrderBy(g => g.Severity == "error" ? 0 : 1).ThenBy(g => g.Flow, StringComparer.Ordinal))
                {
                    var where = line.Line is { } at ? $"{line.File}:{at}: " : string.Empty;
                    table.AddRow(new Markup(line.Severity == "error" ? $"[red]{Markup.Escape(line.Kind)}[/]" : $"[yellow]{Markup.Escape(line.Kind)}[/]"),
                        new Text(line.Flow), new Text(where + line.Message));
                }

                output.Write(table);
            }
        }
    }

    private static string Json(List<(FlowStatus Flow, FlowCheckReport? Report)> reports)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", "flowmigrate.check/2");
            json.WriteStartArray("flows");
            foreach (var (flow, report) in reports)
            {
                json.WriteStartObject();
                json.WriteString("id", flow.Id);
                json.WriteString("branch", flow.Branch);
                json.WriteString("result", report is null ? "no-branch" : report.Passed ? "passed" : "failed");
                json.WriteString("environment", report?.Environment);
                json.WriteNumber("elapsed_ms", (int)(report?.Elapsed.TotalMilliseconds ?? 0));
                json.WriteStartArray("findings");
                foreach (var finding in report?.Findings ?? [])
                {
                    json.WriteStartObject();
                    json.WriteString("severity", finding.Severity);
                    json.WriteString("file", finding.File);
                    if (finding.Line is { } line)
                    {
                        json.WriteNumber("line", line);
                    }

                    json.WriteString("message", finding.Message);
                    json.WriteString("rule", finding.RuleId);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("behaviour");
                foreach (var line in report?.Behaviour ?? [])
                {
                    json.WriteStartObject();
                    json.WriteString("file", line.File);
                    json.WriteString("entity", line.Entity);
                    json.WriteString("setting", line.Setting);
                    json.WriteString("status", line.Status);
                    json.WriteString("before", line.Before);
                    json.WriteString("after", line.After);
                    json.WriteString("explained_by", line.ExplainedBy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("graph");
                foreach (var line in report?.Graph ?? [])
                {
                    json.WriteStartObject();
                    json.WriteString("file", line.File);
                    if (line.Line is { } at)
                    {
                        json.WriteNumber("line", at);
                    }

                    json.WriteString("flow", line.Flow);
                    json.WriteString("kind", line.Kind);
                    json.WriteString("severity", line.Severity);
                    json.WriteString("message", line.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
