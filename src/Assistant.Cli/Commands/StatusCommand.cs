using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Session;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate status [PATH] [--json]</c>: where every flow stands, derived from git.</summary>
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
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit 1 when TODO markers remain (todo) or flows are still on v1 (unmigrated); repeatable", AllowMultipleArgumentsPerToken = true }
            .AcceptOnlyFromAmong("todo", "unmigrated");
        var command = new Command("status", "Show every flow's migration state, branch and TODO count") { path, json, python, baseRef, target, mode, submodules, sarif, failOn };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker,
                new SessionFlags(result.GetValue(baseRef), result.GetValue(target), result.GetValue(mode), AcceptReview: true) { Submodules = result.GetValue(submodules) }, cancellationToken, consoles: consoles.Error);
            var flows = await session.StatusAsync(cancellationToken);
            var gates = StatusGates.Of(result.GetValue(sarif), result.GetValue(failOn));
            int? gate = gates.IsEmpty ? null : await gates.RunAsync(session, cancellationToken);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(StatusJson.Write(session, flows));
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
                var state = FlowStates.Describe(flow) + (flow.IsBehindBase ? " (behind base)" : string.Empty);
                table.AddRow(Markup.Escape(flow.Name), Markup.Escape(state), flow.Todos.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(flow.Branch ?? "-"));
            }

            consoles.Out.Write(table);
            foreach (var flow in flows.Where(f => f.Note is not null))
            {
                consoles.Out.MarkupLine($"[yellow]note[/] {Markup.Escape(flow.Name)}: {Markup.Escape(flow.Note!)}");
            }

            return gate ?? ExitCodes.Success;
        }));
        return command;
    }
}
