using System.Diagnostics;
using Assistant.Core.Python;
using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python;

public sealed class PythonWorkerTests
{
    [Fact]
    public async Task Should_Report_The_Interpreter_Version_In_The_Handshake()
    {
        using var worker = Workers.Start();
        var version = await worker.StartAsync();
        Assert.True(version.Version >= new Version(3, 9));
        Assert.Equal("cpython", version.Implementation);
    }

    [Fact]
    public async Task Should_Restart_And_Retry_When_The_Worker_Is_Killed()
    {
        using var worker = Workers.Start();
        await worker.StartAsync();
        var first = worker.ProcessId!.Value;
        Process.GetProcessById(first).Kill();
        await Task.Delay(200);

        var parser = new ModuleParser(worker, inProcess: false);
        var outcome = await parser.ParseAsync("m.py", "x = 1\n");

        Assert.True(outcome.IsSuccess);
        Assert.NotEqual(first, worker.ProcessId);
        Assert.Equal(1, worker.Restarts);
    }

    [Fact]
    public async Task Should_Retry_Once_When_The_Worker_Exits_Mid_Request()
    {
        using var worker = Workers.Start(debug: true);
        var error = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "exit" }));
        Assert.Equal(PythonWorkerFailure.Crashed, error.Failure);
        Assert.Equal(1, worker.Restarts);

        var answer = await worker.SendAsync("version");
        Assert.Equal(2, worker.Restarts);
        Assert.StartsWith("3.", answer.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Should_Stop_A_Hung_Request_At_Its_Time_Limit_And_Serve_The_Next_One()
    {
        using var worker = Workers.Start(timeout: TimeSpan.FromSeconds(1), debug: true);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "sleep" }));
        Assert.Equal(PythonWorkerFailure.TimedOut, error.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));

        var outcome = await new ModuleParser(worker, inProcess: false).ParseAsync("m.py", "y = 2\n");
        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public async Task Should_Recover_From_Garbage_On_The_Protocol_Stream()
    {
        using var worker = Workers.Start(debug: true);
        await Assert.ThrowsAsync<PythonWorkerException>(() => worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "garbage" }, retry: false));
        var outcome = await new ModuleParser(worker, inProcess: false).ParseAsync("m.py", "z = 3\n");
        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public async Task Should_Answer_Pipelined_Requests_In_Any_Order_Of_Awaiting()
    {
        using var worker = Workers.Start();
        var parser = new ModuleParser(worker, inProcess: false);
        var tasks = Enumerable.Range(0, 50).Select(i => parser.ParseAsync($"m{i}.py", $"value_{i} = {i}\n")).ToList();
        var outcomes = await Task.WhenAll(tasks);
        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal($"value_{i} = {i}\n", outcomes[i].Module!.Text);
            Assert.Equal($"m{i}.py", outcomes[i].Module!.Path);
        }
    }

    [Fact]
    public async Task Should_Complete_Every_Concurrent_Request_When_The_Worker_Dies_Among_Them()
    {
        // Regression: a request that found the worker dead replaced it while other requests were still
        // writing to the old process, and they failed with ObjectDisposedException instead of retrying.
        using var worker = Workers.Start();
        var parser = new ModuleParser(worker, inProcess: false);
        for (var round = 0; round < 5; round++)
        {
            await worker.StartAsync();
            var victim = worker.ProcessId!.Value;
            var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => parser.ParseAsync($"m{i}.py", $"value_{i} = {i}\n"))).ToList();
            Process.GetProcessById(victim).Kill();
            var outcomes = await Task.WhenAll(tasks);
            Assert.All(outcomes, outcome => Assert.True(outcome.IsSuccess));
        }

        Assert.True(worker.Restarts >= 1);
    }

    [Fact]
    public async Task Should_Refuse_A_File_That_Is_Not_Python()
    {
        var notPython = Path.Combine(Path.GetTempPath(), $"flowmigrate-not-python-{Guid.NewGuid():N}");
        File.WriteAllText(notPython, "#!/bin/sh\necho hello\n");
        File.SetUnixFileMode(notPython, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = new PythonInterpreter(notPython, "--python"), StartTimeout = TimeSpan.FromSeconds(5) });
            var error = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.StartAsync());
            Assert.Equal(PythonWorkerFailure.NotPython, error.Failure);
            Assert.Contains(notPython, error.Message);
        }
        finally
        {
            File.Delete(notPython);
        }
    }

    [Fact]
    public async Task Should_Refuse_A_Path_That_Cannot_Be_Executed()
    {
        using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = new PythonInterpreter("/nonexistent/python3", "--python") });
        var error = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.StartAsync());
        Assert.Equal(PythonWorkerFailure.NotPython, error.Failure);
    }

    [Fact]
    public async Task Should_Parse_On_A_Second_Process_While_The_First_Is_Busy()
    {
        // Given a worker with two parse processes whose first is held by a long request
        await using var worker = Workers.Start(timeout: TimeSpan.FromMinutes(5), debug: true, parseProcesses: 2);
        await worker.StartAsync();
        var busy = worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "sleep", ["seconds"] = 240 }, retry: false);

        // When a module is parsed
        var outcome = await new ModuleParser(worker, inProcess: false).ParseAsync("m.py", "x = 1\n").WaitAsync(TimeSpan.FromMinutes(2));

        // Then a second process answered it while the first still works
        Assert.True(outcome.IsSuccess);
        Assert.False(busy.IsCompleted);
        Assert.Equal(2, worker.ProcessIds.Distinct().Count());
        Assert.Equal(worker.ProcessId, worker.ProcessIds[0]);
        worker.Dispose();
        await Assert.ThrowsAsync<PythonWorkerException>(() => busy);
    }

    [Fact]
    public async Task Should_Replace_A_Second_Parse_Process_That_Died()
    {
        await using var worker = Workers.Start(timeout: TimeSpan.FromMinutes(5), debug: true, parseProcesses: 2);
        await worker.StartAsync();
        var busy = worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "sleep", ["seconds"] = 240 }, retry: false);
        var parser = new ModuleParser(worker, inProcess: false);
        Assert.True((await parser.ParseAsync("a.py", "a = 1\n").WaitAsync(TimeSpan.FromMinutes(2))).IsSuccess);
        var second = worker.ProcessIds[1];

        // One handle for the kill and the wait: once killed, the worker may reap the process before a second lookup.
        using (var victim = Process.GetProcessById(second))
        {
            victim.Kill();
            await victim.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        var outcome = await parser.ParseAsync("b.py", "b = 2\n").WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.IsSuccess);
        Assert.False(busy.IsCompleted);
        Assert.Equal(1, worker.Restarts);
        Assert.DoesNotContain(second, worker.ProcessIds);
        worker.Dispose();
        await Assert.ThrowsAsync<PythonWorkerException>(() => busy);
    }

    [Fact]
    public async Task Should_Start_Every_Parse_Process_When_Asked_To_Start_All()
    {
        await using var worker = Workers.Start(parseProcesses: 2);

        var version = await worker.StartAllAsync();

        Assert.Equal("cpython", version.Implementation);
        Assert.Equal(2, worker.ProcessIds.Distinct().Count());
        Assert.Equal(worker.ProcessId, worker.ProcessIds[0]);
    }

    [Fact]
    public async Task Should_Start_An_Interpreter_Launcher_That_Is_Still_Open_For_Writing_For_A_Moment()
    {
        // Given a launcher script held open for writing (as a process forked at the moment it was written holds it until its exec)
        using var folder = new TempDirectory();
        var launcher = folder.Write("python3", $"#!/bin/sh\nexec '{Workers.Python3.Path}' \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var writer = new FileStream(launcher, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var released = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30));
            await writer.DisposeAsync();
        });
        await using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = new PythonInterpreter(launcher, "--python") });

        // When the worker starts while it is busy
        var version = await worker.StartAsync();

        // Then it starts once the file is released
        await released;
        Assert.Equal("cpython", version.Implementation);
    }

    [Fact]
    public async Task Should_Go_Through_An_Interpreter_Launcher_Once_And_Start_The_Other_Parse_Processes_With_The_Executable_It_Ran()
    {
        // Given an interpreter reached through a launcher script (as a pyenv shim is) that notes every start
        using var folder = new TempDirectory();
        var starts = folder.Combine("starts.log");
        var launcher = folder.Write("python3", $"#!/bin/sh\necho started >> '{starts}'\nexec '{Workers.Python3.Path}' \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var worker = new PythonWorker(new PythonWorkerOptions
        {
            Interpreter = new PythonInterpreter(launcher, "--python"),
            ParseProcesses = 2,
            RequestTimeout = TimeSpan.FromMinutes(5),
            Environment = new Dictionary<string, string> { ["FLOWMIGRATE_WORKER_DEBUG"] = "1" },
        });

        // When both processes are started and the second parses while the first is held by a long request
        await worker.StartAllAsync();
        var busy = worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "sleep", ["seconds"] = 240 }, retry: false);
        var outcome = await new ModuleParser(worker, inProcess: false).ParseAsync("m.py", "x = 1\n").WaitAsync(TimeSpan.FromMinutes(2));

        // Then the launcher ran once, for the first process, and the second process is the executable the first reported
        Assert.True(outcome.IsSuccess);
        Assert.Equal(["started"], File.ReadAllLines(starts));
        Assert.Equal(2, worker.ProcessIds.Distinct().Count());
        Assert.NotEqual(launcher, worker.Version!.Executable);
        Assert.False(busy.IsCompleted);
        worker.Dispose();
        await Assert.ThrowsAsync<PythonWorkerException>(() => busy);
    }

    [Fact]
    public async Task Should_End_Every_Process_When_Disposed()
    {
        // Given a worker whose two processes are running
        var worker = Workers.Start(parseProcesses: 2);
        await worker.StartAllAsync();
        var processes = worker.ProcessIds.Select(Process.GetProcessById).ToList();

        // When it is disposed (each process is told to exit, then waited for)
        worker.Dispose();

        // Then both have exited
        Assert.Equal(2, processes.Count);
        foreach (var process in processes)
        {
            using (process)
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
                Assert.True(process.HasExited);
            }
        }

        Assert.Empty(worker.ProcessIds);
    }

    [Fact]
    public async Task Should_Answer_Concurrent_Syntax_Checks_On_The_Second_Process_While_The_First_Runs_A_Stateful_Request()
    {
        // Given two processes, the first held by a stateful request (an import check can take seconds whatever its size)
        await using var worker = Workers.Start(timeout: TimeSpan.FromMinutes(5), debug: true, parseProcesses: 2);
        await worker.StartAllAsync();
        var busy = worker.SendAsync("debug", new Dictionary<string, object?> { ["action"] = "sleep", ["seconds"] = 240 }, retry: false);

        // When several syntax checks are sent at once, each larger than the stateful request
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => $"value_{i} = {i}\n"));
        var checks = Enumerable.Range(0, 12).Select(i => new ModuleParser(worker, inProcess: false)
            .CheckSyntaxManyAsync([($"m{i}.py", text), ($"broken{i}.py", "x = (\n")])).ToList();
        var verdicts = await Task.WhenAll(checks).WaitAsync(TimeSpan.FromMinutes(2));

        // Then every one is answered, by the second process, while the first still works
        Assert.All(verdicts, pair => Assert.Null(pair[0]));
        Assert.All(verdicts, pair => Assert.Equal(1, pair[1]!.Line));
        Assert.False(busy.IsCompleted);
        worker.Dispose();
        await Assert.ThrowsAsync<PythonWorkerException>(() => busy);
    }

    [Fact]
    public async Task Should_Give_Its_Request_And_Answer_Pipes_Room_For_A_Megabyte()
    {
        // Given a started worker (on Linux, where a pipe holds 64 KB unless widened)
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var worker = Workers.Start();
        await worker.StartAsync();
        var pid = worker.ProcessId!.Value;

        // When the capacity of its stdin and stdout pipes is read (through /proc, which opens the same pipes)
        var program = string.Join('\n',
            "import fcntl, os, sys",
            "for number in (0, 1):",
            "    fd = os.open('/proc/%s/fd/%d' % (sys.argv[1], number), os.O_WRONLY | os.O_NONBLOCK if number == 0 else os.O_RDONLY | os.O_NONBLOCK)",
            "    print(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))",
            "    os.close(fd)");
        var start = new ProcessStartInfo(Workers.Python3.Path, ["-c", program, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();

        // Then both hold a megabyte, so the worker reads many large requests ahead without waiting for flowmigrate to write them
        Assert.True(python.ExitCode == 0, error);
        Assert.Equal(["1048576", "1048576"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // And it still answers
        Assert.True((await worker.SendAsync("check_syntax", new Dictionary<string, object?> { ["path"] = "m.py", ["text"] = "x = 1\n" })).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Should_Answer_Many_Concurrent_Parses_Over_Two_Processes_Each_With_Its_Own_Tree()
    {
        await using var worker = Workers.Start(parseProcesses: 2);
        var parser = new ModuleParser(worker, inProcess: false);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => parser.ParseAsync($"m{i}.py", $"value_{i} = {i}\n"))).ToList();
        var outcomes = await Task.WhenAll(tasks);
        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal($"m{i}.py", outcomes[i].Module!.Path);
            var assign = AssignSyntax.From(outcomes[i].Module!.Body[0])!;
            Assert.Equal($"value_{i}", Assert.Single(assign.TargetNames));
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), assign.Value!.Scalar("v"));
        }

        var version = await worker.SendAsync("version");
        Assert.Equal(worker.ProcessId, version.GetProperty("pid").GetInt32());
    }
}
