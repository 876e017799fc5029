using System.Diagnostics;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// The user's Python is missing or too old: fake interpreters on PATH (a folder with only git, so no python3; a
/// <c>python3</c> script that runs the real Python with <c>sys.version_info</c> set to 3.8). Every verb refuses with
/// one line naming the problem and what to do, exit code 3, and changes nothing.
/// </summary>
public sealed class InterpreterTests : IDisposable
{
    private readonly TempRepo _repo = new TempRepo("python").Init().Write("flows/hello.py", TempRepo.PrefectFlow("hello")).Commit();
    private readonly string _bin = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"bin-{Guid.NewGuid():N}");

    public static TheoryData<string> Verbs => new() { "scan", "status", "migrate", "check" };

    private string[] Verb(string verb, params string[] extra) =>
        [verb, _repo.Root, .. verb == "migrate" ? new[] { "--all", "--no-check" } : [], .. extra];

    private async Task AssertRefusedAsync(string[] arguments, Dictionary<string, string> environment, string message)
    {
        var before = _repo.Snapshot();
        var result = await Flowmigrate.RunAsync(_repo.Root, TimeSpan.FromMinutes(3), environment, arguments);
        Flowmigrate.AssertRefused(result, 3, message);
        Assert.Equal(before, _repo.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Should_Refuse_When_There_Is_No_Python3_On_Path(string verb)
    {
        Directory.CreateDirectory(_bin);
        File.CreateSymbolicLink(Path.Combine(_bin, "git"), Which("git"));

        await AssertRefusedAsync(Verb(verb), new() { ["PATH"] = _bin, ["VIRTUAL_ENV"] = string.Empty },
            "python3 was not found on PATH; install Python 3.9 or newer or pass --python PATH");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Should_Refuse_A_Python_3_8_Found_On_Path(string verb)
    {
        var fake = OldPython();
        await AssertRefusedAsync(Verb(verb), new() { ["PATH"] = $"{_bin}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}", ["VIRTUAL_ENV"] = string.Empty },
            $"{fake} is Python 3.8.18; flowmigrate needs Python 3.9 or newer");
    }

    [Fact]
    public async Task Should_Refuse_A_Python_3_8_Passed_With_Python()
    {
        var fake = OldPython();
        await AssertRefusedAsync(Verb("migrate", "--python", fake), [], $"{fake} is Python 3.8.18; flowmigrate needs Python 3.9 or newer");
    }

    // A python3 whose handshake says 3.8.18: the real interpreter, run by absolute path, with sys.version_info replaced
    // before the worker script runs.
    private string OldPython()
    {
        Directory.CreateDirectory(_bin);
        var real = RealPython();
        var fake = Path.Combine(_bin, "python3");
        File.WriteAllText(fake, $$"""
            #!/bin/sh
            # flowmigrate starts: python3 -u -B WORKER; keep the flags, run WORKER as __main__ under a 3.8 version_info.
            worker="$3"
            exec '{{real}}' -u -B -c 'import runpy, sys; sys.version_info = (3, 8, 18, "final", 0); sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name="__main__")' "$worker"
            """.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return fake;
    }

    private static string RealPython() => Run("python3", "-c", "import sys; print(sys.executable)");

    private static string Which(string name) => Run("sh", "-c", $"command -v {name}");

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && output.Length > 0, $"{file} {string.Join(' ', arguments)} failed");
        return output;
    }

    public void Dispose()
    {
        _repo.Dispose();
        if (Directory.Exists(_bin))
        {
            Directory.Delete(_bin, true);
        }
    }
}
