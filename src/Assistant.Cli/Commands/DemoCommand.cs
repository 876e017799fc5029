using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate demo [--into DIR]</c>: a fresh git copy of the bundled demo repository, scanned.</summary>
internal static class DemoCommand
{
    public static Command Create(Consoles consoles)
    {
        var into = new Option<string?>("--into") { Description = "Create the demo repository here (a new or empty folder) instead of a temp folder" };
        var python = SharedOptions.Python();
        var command = new Command("demo", "Create a demo repository with Flyte 1 and Prefect 1 flows and show its inventory") { into, python };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = await DemoRepository.CreateAsync(result.GetValue(into), cancellationToken);
            if (TuiCommand.HasTerminal && consoles.IsInteractive)
            {
                // A person at a terminal: open the wizard on the fresh repository instead of printing its inventory.
                var code = await TuiCommand.RunAsync(consoles, root, result.GetValue(python), new SessionFlags(null, null, null, AcceptReview: true), cancellationToken);
                consoles.Out.MarkupLine($"[green]demo repository:[/] {Markup.Escape(root)}");
                return code;
            }

            consoles.Out.MarkupLine($"[green]demo repository:[/] {Markup.Escape(root)} (a git repo with one commit on main)");
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            var inventory = await ScanCommand.ScanAsync(consoles, worker, root, showProgress: true, cancellationToken);
            foreach (var renderable in InventoryTable.Render(inventory, consoles.Out.Profile.Width))
            {
                consoles.Out.Write(renderable);
            }

            consoles.Out.MarkupLine($"\nNext: [bold]cd {Markup.Escape(root)}[/] and run [bold]flowmigrate scan --json[/] to see every flow with its tasks and files.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
