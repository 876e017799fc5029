using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Reporting;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate pr-body --flow ID [PATH]</c>: prints the pull-request description (markdown) of a flow's branch.</summary>
internal static class PrBodyCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var flow = new Option<string>("--flow") { Description = "The flow whose branch the pull request is for", Required = true };
        var noCheck = new Option<bool>("--no-check") { Description = "Leave out the import and behaviour check (faster)" };
        var python = SharedOptions.Python();
        var target = SharedOptions.Target();
        var command = new Command("pr-body", "Print a pull-request description (markdown) for a flow's branch") { path, flow, noCheck, python, target };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker, new SessionFlags(null, result.GetValue(target), null, true), cancellationToken, consoles: consoles.Error);
            var id = result.GetValue(flow)!;
            var unit = session.UnitOf(id);
            var report = await new ReportGatherer(session).GatherAsync(
                new ReportOptions(IncludeChecks: !result.GetValue(noCheck)) { Flows = unit.Flows.Select(f => f.Id).ToList() }, cancellationToken);
            var flowReport = report.Flows.Single(f => f.Status.Id == id);
            if (flowReport.Status.Branch is null)
            {
                throw new UserError($"{id} has no flowmigrate branch yet; run flowmigrate migrate --flow {id} first");
            }

            Console.Out.Write(MarkdownPrBody.Write(report, flowReport, report.Flows));
            return ExitCodes.Success;
        }));
        return command;
    }
}
