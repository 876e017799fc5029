using System.Diagnostics;
using System.Text.Json;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// The disk fills up under a migration: the repository lives on a 4 MB tmpfs, filled to the last byte
/// before the session starts or by a pre-commit hook in the middle of a commit. flowmigrate fails with a message and an exit code, no stack trace, the user's
/// checkout is byte-identical and git fsck is clean; once space is freed the same command finishes.
/// Mounting needs root (as in CI's container); elsewhere a pre-commit hook that fails with git's
/// "No space left on device" stands in for the full disk, and the test says so in its output.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DiskFullTests : IDisposable
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"tmpfs-{Guid.NewGuid():N}"[..14]);
    private readonly bool _mounted;

    public DiskFullTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        Directory.CreateDirectory(_mount);
        _mounted = Run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", _mount) == 0;
        output.WriteLine(_mounted ? $"tmpfs of 4 MB at {_mount}" : "mount -t tmpfs is not permitted here: a failing pre-commit hook simulates the full disk");
    }

    private string Repo => Path.Combine(_mount, "repo");

    private string Filler => Path.Combine(_mount, "filler");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_Fail_Cleanly_When_The_Disk_Is_Full_And_Finish_Once_Space_Is_Freed(bool fillsDuringCommit)
    {
        Directory.CreateDirectory(Repo);
        string[][] setup = [["init", "-q", "-b", "main"], ["config", "user.name", "test"], ["config", "user.email", "test@example.invalid"], ["config", "commit.gpgsign", "false"]];
        foreach (var arguments in setup)
        {
            Assert.Equal(0, TempRepo.Run(Repo, arguments).ExitCode);
        }

        Directory.CreateDirectory(Path.Combine(Repo, "flows"));
        File.WriteAllText(Path.Combine(Repo, "flows", "hello.py"), TempRepo.PrefectFlow("hello"));
        Assert.Equal(0, TempRepo.Run(Repo, "add", "-A").ExitCode);
        Assert.Equal(0, TempRepo.Run(Repo, "commit", "-q", "--no-verify", "-m", "flows").ExitCode);
        var before = UserCheckout.Snapshot(Repo);
        if (fillsDuringCommit && _mounted)
        {
            // The pre-commit hook fills the disk once and lets the commit go on: git then writes the
            // commit's objects and index to a full disk.
            InstallHook($"#!/bin/sh\n[ -e '{Filler}.done' ] && exit 0\n: > '{Filler}.done'\ncat /dev/zero > '{Filler}' 2>/dev/null\nexit 0\n");
        }
        else
        {
            FillTheDisk();
        }

        var full = await Flowmigrate.RunAsync(Repo, "migrate", "--all", "--yes", "--no-check");

        Assert.NotEqual(0, full.ExitCode);
        var said = System.Text.RegularExpressions.Regex.Replace(full.Output + full.Error, @"\s+", " ");
        Assert.True(said.Contains("No space left on device", StringComparison.Ordinal) || said.Contains("is the disk full?", StringComparison.Ordinal), said);
        Assert.True(!_mounted || !said.Contains("hook rejected", StringComparison.Ordinal), said);
        Assert.DoesNotContain("   at ", full.Output + full.Error);
        FreeTheDisk();
        Assert.Equal(0, TempRepo.Run(Repo, "fsck", "--no-progress").ExitCode);
        Assert.Equal(before, UserCheckout.Snapshot(Repo));

        var resumed = await Flowmigrate.RunAsync(Repo, "migrate", "--all", "--yes", "--no-check");

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        var status = await Flowmigrate.RunAsync(Repo, "status", "--json");
        using var json = JsonDocument.Parse(status.Output);
        Assert.Equal("committed", json.RootElement.GetProperty("flows").EnumerateArray().Single().GetProperty("state").GetString());
        Assert.Equal(0, TempRepo.Run(Repo, "fsck", "--no-progress").ExitCode);
        Assert.Equal(before, UserCheckout.Snapshot(Repo));
    }

    private void FillTheDisk()
    {
        if (!_mounted)
        {
            InstallHook("#!/bin/sh\necho 'error: unable to write file: No space left on device' >&2\nexit 1\n");
            return;
        }

        var chunk = new byte[4096];
        using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                filler.Write(chunk);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what is left is less than one chunk; fill it byte by byte.
        }

        try
        {
            while (true)
            {
                filler.WriteByte(0);
                filler.Flush();
            }
        }
        catch (IOException)
        {
        }
    }

    private void InstallHook(string script)
    {
        var hook = Path.Combine(Repo, ".git", "hooks", "pre-commit");
        File.WriteAllText(hook, script);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void FreeTheDisk()
    {
        File.Delete(Filler);
        File.Delete(Path.Combine(Repo, ".git", "hooks", "pre-commit"));
    }

    private static int Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            arguments.ToList().ForEach(start.ArgumentList.Add);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", _mount);
        }

        try
        {
            Directory.Delete(_mount, true);
        }
        catch (IOException)
        {
        }
    }
}
