using System.Diagnostics;

namespace Assistant.Cli.Tests.Reporting;

/// <summary>Debian's headless chromium, installed with apt when missing and the tests run as root; <see cref="Unavailable"/> says why not.</summary>
internal static class Chromium
{
    private static readonly Lazy<(string? Path, string? Reason)> Located = new(Locate);

    public static string? Unavailable => Located.Value.Reason;

    public static string Executable => Located.Value.Path ?? throw new InvalidOperationException(Unavailable);

    /// <summary>Runs chromium headless with a fresh profile on <paramref name="arguments"/>; returns stdout.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("flowmigrate-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--user-data-dir=" + profile.FullName, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            Xunit.Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await error}");
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static (string? Path, string? Reason) Locate()
    {
        if (Find() is { } found)
        {
            return (found, null);
        }

        if (Environment.UserName != "root")
        {
            return (null, "chromium is not installed and the tests do not run as root to apt-get install it (./install.sh --test installs it)");
        }

        var (code, output) = Run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
        return Find() is { } installed ? (installed, null) : (null, $"apt-get install chromium failed (exit {code}): {output.Trim().Split('\n').LastOrDefault()}");
    }

    private static string? Find() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
