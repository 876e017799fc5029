using System.CommandLine;
using Assistant.Cli.Hosting;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate abandon --flow ID [--yes]</c>: removes a flow's worktree and, once confirmed, its branch.</summary>
internal static class AbandonCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        var flow = new Option<string>("--flow") { Description = "The flow to abandon", Required = true };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete the branch without asking" };
        var python = SharedOptions.Python();
        var command = new Command("abandon", "Drop a flow's migration: remove its worktree and (after confirmation) its branch") { path, flow, yes, python };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker, new SessionFlags(null, null, null, true), cancellationToken, consoles: consoles.Error);
            var id = result.GetValue(flow)!;
            var status = (await session.StatusAsync(cancellationToken)).FirstOrDefault(s => s.Id == id)
                ?? throw new UserError($"no flow '{id}' (flowmigrate status lists the flow ids)");
            var deleteBranch = result.GetValue(yes);
            if (!deleteBranch && status.Branch is not null)
            {
                if (!consoles.IsInteractive)
                {
                    throw new UserError($"deleting {status.Branch} loses its commits; pass --yes to confirm");
                }

                deleteBranch = consoles.Out.Confirm($"Delete branch {Markup.Escape(status.Branch)} and its {status.Todos} TODO(s)?", defaultValue: false);
            }

            var removed = await session.AbandonAsync(id, deleteBranch, cancellationToken);
            consoles.Out.MarkupLine(removed.Count == 0 ? "nothing to remove" : "removed " + Markup.Escape(string.Join(", ", removed)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
