using System.Diagnostics;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary>
/// The real <c>flowmigrate</c> in a tmux pane of a fixed size, on a private tmux server (its own socket, killed on
/// dispose): send keys, read the screen with capture-pane, wait for text, kill the process with SIGKILL.
/// </summary>
internal sealed class TmuxTerminal : IDisposable
{
    private readonly string _socket = "flowmigrate-test-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<TmuxTerminal> StartAsync(string directory, IReadOnlyDictionary<string, string>? environment = null, string arguments = "tui")
    {
        var terminal = new TmuxTerminal();
        await terminal.LaunchAsync(directory, environment, arguments);
        return terminal;
    }

    /// <summary>Starts <c>flowmigrate ARGUMENTS</c> (quoted by the caller) in a 100×30 pane, or restarts it in the existing pane.</summary>
    public async Task LaunchAsync(string directory, IReadOnlyDictionary<string, string>? environment = null, string arguments = "tui")
    {
        const int width = 100;
        const int height = 30;
        var variables = string.Join(' ', (environment ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={Quote(p.Value)}"));
        // exec: the pane's process is flowmigrate itself, so Kill() hits it and not a shell. The pane is a
        // user's terminal: CI (set when the suite runs in CI) is not inherited, as flowmigrate reads it.
        var command = $"cd {Quote(directory)} && exec env -u CI {variables} DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet {Quote(CliProcess.Dll)} {arguments}";
        var sessions = await TmuxAsync("has-session", "-t", "main");
        var verb = sessions.ExitCode == 0 ? new[] { "respawn-pane", "-k", "-t", "main" } : new[] { "new-session", "-d", "-s", "main", "-x", width.ToString(), "-y", height.ToString() };
        // One tmux call: remain-on-exit is set before the process can exit, so a quick exit never takes the server with it.
        await TmuxAsync([.. verb, command, ";", "set-window-option", "-t", "main", "remain-on-exit", "on"]);
    }

    public async Task<string> ScreenAsync() => (await TmuxAsync("capture-pane", "-p", "-t", "main")).Output;

    public async Task SendAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await TmuxAsync(key.Length == 1 ? ["send-keys", "-t", "main", "-l", key] : ["send-keys", "-t", "main", key]);
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the screen contains <paramref name="text"/>; fails with the last screen otherwise.</summary>
    public async Task<string> WaitForAsync(string text, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        var screen = string.Empty;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            screen = await ScreenAsync();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"'{text}' did not appear within {seconds} s; the screen was:\n{screen}");
        return screen;
    }

    /// <summary>Waits until flowmigrate has exited (the pane is dead, or its session is gone).</summary>
    public async Task WaitForExitAsync(int seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var dead = await TmuxAsync("display-message", "-p", "-t", "main", "#{pane_dead}");
            if (dead.ExitCode != 0 || dead.Output.Trim() == "1")
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"flowmigrate did not exit within {seconds} s; the screen was:\n{await ScreenAsync()}");
    }

    /// <summary>The exit status of the process in the pane, once it is dead (tmux's own record, not the screen text).</summary>
    public async Task<int> ExitStatusAsync()
    {
        await WaitForExitAsync();
        var status = await TmuxAsync("display-message", "-p", "-t", "main", "#{pane_dead_status}");
        return int.Parse(status.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task KillAsync()
    {
        var pid = int.Parse((await TmuxAsync("display-message", "-p", "-t", "main", "#{pane_pid}")).Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", ["-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await Task.Delay(300);
    }

    public void Dispose()
    {
        using var process = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "kill-server"]) { RedirectStandardError = true, RedirectStandardOutput = true });
        process?.WaitForExit(5000);
    }

    private async Task<CliResult> TmuxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("TMUX");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, output, error);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
