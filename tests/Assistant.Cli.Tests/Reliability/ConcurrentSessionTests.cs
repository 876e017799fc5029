using System.Diagnostics;
using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// Two flowmigrate processes on one repository. The first is held inside its session (a pre-commit hook waits, in its
/// first commit, for a file the test creates), so the second starts while the first holds the lock under the git dir: it
/// refuses in one line naming the holder's pid, exit 2, and changes nothing. Released, the first finishes, and a
/// second run after it finds nothing left to do.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConcurrentSessionTests : IDisposable
{
    private readonly TempRepo _repo = new TempRepo("twice").Init().Write("flows/a.py", TempRepo.PrefectFlow("a")).Write("flows/b.py", TempRepo.PrefectFlow("b")).Commit();
    private readonly string _tools = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"hold-{Guid.NewGuid():N}");

    [Fact]
    public async Task Should_Refuse_A_Second_Process_Naming_The_First_And_Let_It_Finish()
    {
        Directory.CreateDirectory(_tools);
        var ready = Path.Combine(_tools, "ready");
        var go = Path.Combine(_tools, "go");
        // The first process is held in its first commit by a pre-commit hook (git commands have no time limit, unlike
        // the Python worker's start); the wait is bounded (10 minutes) so a broken test cannot leave it behind forever.
        var hook = Path.Combine(_repo.Root, ".git", "hooks", "pre-commit");
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            if [ ! -e '{{ready}}' ]; then
              touch '{{ready}}'
              for _ in $(seq 6000); do [ -e '{{go}}' ] && break; sleep 0.1; done
            fi
            exit 0
            """.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var checkout = UserCheckout.Snapshot(_repo.Root);

        var first = Start("migrate", _repo.Root, "--all", "--yes", "--no-check");
        var firstOutput = first.StandardOutput.ReadToEndAsync();
        var firstError = first.StandardError.ReadToEndAsync();
        try
        {
            await WaitForAsync(() => File.Exists(ready) || first.HasExited);
            Assert.False(first.HasExited, "the first flowmigrate exited before its first commit");

            var before = _repo.Snapshot();
            var second = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check");

            Flowmigrate.AssertRefused(second, 2, $"another flowmigrate (pid {first.Id} on {Environment.MachineName}");
            Assert.Contains("is working on this repository", second.Error);
            Assert.Equal(before, _repo.Snapshot());
        }
        finally
        {
            File.WriteAllText(go, string.Empty);
        }

        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await first.WaitForExitAsync(limit.Token);
        }

        Assert.True(first.ExitCode == 0, await firstOutput + await firstError);
        var again = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check");
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        var status = await Flowmigrate.RunAsync(_repo.Root, "status", "--json", _repo.Root);
        using var json = JsonDocument.Parse(status.Output);
        Assert.All(json.RootElement.GetProperty("flows").EnumerateArray(), f => Assert.Equal("committed", f.GetProperty("state").GetString()));
        Assert.Equal(2, _repo.Git("for-each-ref", "--format=%(refname)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(File.Exists(Path.Combine(_repo.Root, ".git", "flowmigrate", "lock")));
        Assert.Equal(0, _repo.Git("fsck", "--no-progress").ExitCode);
        Assert.Equal(checkout, UserCheckout.Snapshot(_repo.Root));
        first.Dispose();
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        arguments.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    // Polls a condition the other process makes true; the limit only guards against a hang.
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(limit.Elapsed < TimeSpan.FromMinutes(3), "the first flowmigrate never reached its first commit");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        if (Directory.Exists(_tools))
        {
            Directory.Delete(_tools, true);
        }
    }
}
