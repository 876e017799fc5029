using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Session;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate status [PATH] [--json]</c>: where every flow stands, derived from git, and which v1 code is new since the migration started.</summary>
internal static class StatusCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var json = SharedOptions.Json();
        var python = SharedOptions.Python();
        var baseRef = SharedOptions.Base();
        var target = SharedOptions.Target();
        var mode = SharedOptions.Mode();
        var submodules = SharedOptions.Submodules();
        var sarif = new Option<string?>("--sarif") { Description = "Also write the TODO markers and the flows still on v1 as SARIF 2.1.0 to this file" };
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit 1 when TODO markers remain (todo), flows are still on v1 (unmigrated), or v1 code was added after the migration started and is still on v1 (new-v1); repeatable", AllowMultipleArgumentsPerToken = true }
            .AcceptOnlyFromAmong("todo", "unmigrated", "new-v1");
        var command = new Command("status", "Show every flow's migration state, branch and TODO count") { path, json, python, baseRef, target, mode, submodules, sarif, failOn };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker,
                new SessionFlags(result.GetValue(baseRef), result.GetValue(target), result.GetValue(mode), AcceptReview: true) { Submodules = result.GetValue(submodules) }, cancellationToken, consoles: consoles.Error);
            var flows = await session.StatusAsync(cancellationToken);
            var newCode = await session.NewV1CodeAsync(cancellationToken);
            if (newCode.Problem is { } problem)
            {
                consoles.Error.MarkupLine($"[yellow]warning[/] {Markup.Escape(problem)}");
            }

            var gates = StatusGates.Of(result.GetValue(sarif), result.GetValue(failOn));
            int? gate = gates.IsEmpty ? null : await gates.RunAsync(session, newCode, cancellationToken);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(StatusJson.Write(session, flows, newCode));
                return gate ?? ExitCodes.Success;
            }

            consoles.Out.MarkupLine($"[bold]{Markup.Escape(session.Root)}[/] · base {Markup.Escape(session.BaseBranch)} · {Markup.Escape(session.Mode)} · Prefect target {Markup.Escape(session.PrefectTarget)}");
            consoles.Out.MarkupLine(Markup.Escape(string.Join(" · ", flows.GroupBy(f => f.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {FlowStates.Of(g.Key)}"))));
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(new TableColumn("flow").NoWrap());
            table.AddColumn(new TableColumn("state").NoWrap());
            table.AddColumn(new TableColumn("todos").RightAligned());
            table.AddColumn("branch");
            foreach (var flow in flows)
            {
                var state = FlowStates.Describe(flow) + (flow.IsBehindBase ? " (behind base)" : string.Empty) + (newCode.IsNew(flow.Id) ? " (new since start)" : string.Empty);
                table.AddRow(Markup.Escape(flow.Name), Markup.Escape(state), flow.Todos.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(flow.Branch ?? "-"));
            }

            consoles.Out.Write(table);
            if (newCode.Start is { } start)
            {
                var added = flows.Count(f => newCode.IsNew(f.Id));
                consoles.Out.MarkupLine(Markup.Escape($"migration started at {start.Commit[..7]} ({start.Date:yyyy-MM-dd}, before {start.Via}): {added} flow(s) and {newCode.Files.Count} v1 file(s) added since"));
                foreach (var file in newCode.Files)
                {
                    consoles.Out.MarkupLine($"[yellow]new v1 file[/] {Markup.Escape(file)}");
                }
            }

            foreach (var flow in flows.Where(f => f.Note is not null))
            {
                consoles.Out.MarkupLine($"[yellow]note[/] {Markup.Escape(flow.Name)}: {Markup.Escape(flow.Note!)}");
            }

            return gate ?? ExitCodes.Success;
        }));
        return command;
    }
}
