using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Tui.Host;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate tui [PATH]</c> (and <c>flowmigrate</c> with no verb): the full-screen wizard. Without a terminal
/// on stdin and stdout it prints one line pointing at the script-friendly verbs and exits 2.
/// </summary>
internal static class TuiCommand
{
    public const string NoTerminalHint = "the wizard needs a terminal; in scripts and CI use `flowmigrate scan`, `flowmigrate migrate` or `flowmigrate status`";

    public static Command Create(Consoles consoles)
    {
        var command = new Command("tui", "Open the full-screen wizard: pick a flow, step through its diffs, check, commit (the default without a verb)");
        Configure(command, consoles);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> (the root command, or <c>tui</c>) the PATH argument, the session options and the wizard as its action.</summary>
    public static void Configure(Command command, Consoles consoles)
    {
        var path = SharedOptions.Path();
        var python = SharedOptions.Python();
        var baseRef = SharedOptions.Base();
        var target = SharedOptions.Target();
        var mode = SharedOptions.Mode();
        command.Add(path);
        command.Add(python);
        command.Add(baseRef);
        command.Add(target);
        command.Add(mode);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, () => RunAsync(
            consoles,
            result.GetValue(path),
            result.GetValue(python),
            new SessionFlags(result.GetValue(baseRef), result.GetValue(target), result.GetValue(mode), AcceptReview: true),
            cancellationToken)));
    }

    public static bool HasTerminal => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public static async Task<int> RunAsync(Consoles consoles, string? path, string? python, SessionFlags flags, CancellationToken cancellationToken)
    {
        if (!HasTerminal)
        {
            throw new UserError(NoTerminalHint, ExitCodes.BadInput);
        }

        var root = WorkspaceOptions.Directory(path);
        using var worker = WorkspaceOptions.StartWorker(python, root);
        var host = new TuiHost(
            consoles.Out,
            async (progress, terminal, token) =>
            {
                // The Python worker starts while git, the config and the rules are read: the scan's first parse finds it up.
                // A worker that cannot start fails that parse with its own message (or never matters, if opening fails first).
                var warming = worker.StartAsync(token);
                _ = warming.ContinueWith(static task => task.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                return await SessionFactory.OpenAsync(root, worker, flags, token, progress, commitTerminal: terminal);
            },
            new EditorLauncher(Environment.GetEnvironmentVariable));
        return await host.RunAsync(cancellationToken);
    }
}
