using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Reporting;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate report [PATH] --html FILE [--check]</c>: writes the whole repository's migration report as one self-contained HTML page.</summary>
internal static class ReportCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var html = new Option<string>("--html") { Description = "Write the report to this HTML file", Required = true };
        var check = new Option<bool>("--check") { Description = "Also run the import and behaviour check of every flow branch (takes time)" };
        var python = SharedOptions.Python();
        var target = SharedOptions.Target();
        var command = new Command("report", "Write a self-contained HTML report of the migration: states, steps, diffs, checks, TODOs") { path, html, check, python, target };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            var file = Path.GetFullPath(result.GetValue(html)!);
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker, new SessionFlags(null, result.GetValue(target), null, true), cancellationToken, consoles: consoles.Error);
            var checks = result.GetValue(check);
            // With --check, the branches are checked side by side (see CheckWorkers); a worker starts only when it gets a branch.
            using var workers = CheckWorkers.For(worker, checks ? CheckWorkers.Max : 1, Environment.ProcessorCount);
            var report = await new ReportGatherer(session, workers.More).GatherAsync(new ReportOptions(IncludeChecks: checks), cancellationToken);
            try
            {
                await File.WriteAllTextAsync(file, HtmlReport.Write(report, checks, DateTimeOffset.Now), cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"cannot write {file}: {exception.Message}");
            }

            consoles.Out.WriteLine($"{file}: {report.Flows.Count} flows, {report.Todos.Count} TODOs");
            return ExitCodes.Success;
        }));
        return command;
    }
}
