namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// The Python worker dies or prints garbage mid-session: <c>--python</c> is a wrapper whose first worker answers three
/// requests and exits (its stdin is cut after three lines), or whose first worker's answers have a line that is not
/// JSON slipped in after the second; later starts are plain python3. migrate restarts the worker, retries, and
/// completes every flow, each step committed once.
/// </summary>
public sealed class WorkerRestartTests : IDisposable
{
    private readonly TempRepo _repo = new("restart");
    private readonly string _tools = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"tools-{Guid.NewGuid():N}");

    [Fact]
    public Task Should_Restart_A_Worker_That_Dies_Mid_Session_And_Complete() =>
        // Three lines passed on one at a time, as they come (head -n 3 holds its first line back until more input arrives,
        // which stalls a worker whose handshake is the only request sent).
        MigrateWithFirstWorkerAsync("for _ in 1 2 3; do IFS= read -r line || break; printf '%s\\n' \"$line\"; done | python3 \"$@\"");

    [Fact]
    public Task Should_Restart_A_Worker_That_Prints_Garbage_Mid_Session_And_Complete() =>
        MigrateWithFirstWorkerAsync("python3 \"$@\" | { IFS= read -r a; printf '%s\\n' \"$a\"; IFS= read -r b; printf '%s\\n' \"$b\"; echo 'Traceback (most recent call last): garbage, not JSON'; exec cat; }");

    private async Task MigrateWithFirstWorkerAsync(string firstWorker)
    {
        Directory.CreateDirectory(_tools);
        var starts = Path.Combine(_tools, "starts.log");
        var wrapper = Path.Combine(_tools, "flaky-python");
        File.WriteAllText(wrapper, $$"""
            #!/bin/bash
            case "$*" in
              *flowmigrate_worker.py*)
                echo start >> '{{starts}}'
                if [ ! -e '{{starts}}.first' ]; then
                  touch '{{starts}}.first'
                  {{firstWorker}}
                  exit $?
                fi ;;
            esac
            exec python3 "$@"
            """.Replace("\r\n", "\n"));
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        for (var i = 0; i < 6; i++)
        {
            _repo.Write($"flows/f{i}.py", TempRepo.PrefectFlow($"f{i}"));
        }

        _repo.Init().Commit();

        var result = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check", "--python", wrapper);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.True(File.ReadAllLines(starts).Length >= 2, "the worker was never restarted");
        var branches = _repo.Git("for-each-ref", "--format=%(refname:short)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, branches.Length);
        foreach (var branch in branches)
        {
            // One commit per step with changes, each step once: a retried request never commits a step twice.
            var steps = _repo.Git("log", "--format=%(trailers:key=Flowmigrate-Step,valueonly)", $"main..{branch}").Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(steps);
            Assert.Equal(steps.Length, steps.Distinct().Count());
            Assert.Equal(steps.Length, int.Parse(_repo.Git("rev-list", "--count", $"main..{branch}").Output.Trim(), System.Globalization.CultureInfo.InvariantCulture));
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
