using System.Diagnostics;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>Runs the real built flowmigrate with a time limit the caller picks, and checks the bad-input contract.</summary>
internal static class Flowmigrate
{
    public static Task<CliResult> RunAsync(string workingDirectory, TimeSpan limit, params string[] arguments) =>
        RunAsync(workingDirectory, limit, null, arguments);

    /// <summary>As the other overloads, with variables set (or, with an empty value, cleared) in the child's environment.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"flowmigrate {string.Join(' ', arguments)} did not finish within {limit}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, TimeSpan.FromMinutes(3), arguments);

    /// <summary>Exit code as documented, one line on stderr that says what is wrong, no stack trace.</summary>
    public static void AssertRefused(CliResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result.Output}\n{result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("flowmigrate: ", line);
        Assert.Contains(message, line);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
    }
}
