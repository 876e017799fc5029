using Assistant.Core.Python;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python;

public sealed class PythonVersionCacheTests : IDisposable
{
    private static readonly PythonVersionInfo Answered = new(new Version(3, 11, 7), "CPython", "/opt/py/bin/python3");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Should_Find_What_An_Unchanged_Interpreter_Answered()
    {
        var interpreter = Binary("bin/python3");
        new PythonVersionCache(_directory.Combine("cache")).Remember(interpreter, Answered);

        Assert.Equal(Answered, new PythonVersionCache(_directory.Combine("cache")).Find(interpreter));
    }

    [Fact]
    public void Should_Read_And_Keep_The_Files_Earlier_Versions_Wrote()
    {
        // Given a cache file as flowmigrate wrote it before its entries were read with generated code
        var interpreter = Binary("bin/python3");
        var file = new FileInfo(interpreter);
        var written = $$"""
            {
              "{{interpreter}}": {
                "File": {
                  "Path": "{{interpreter}}",
                  "Size": {{file.Length}},
                  "ModifiedTicks": {{file.LastWriteTimeUtc.Ticks}}
                },
                "Version": "3.11.7",
                "Implementation": "CPython",
                "Executable": "/opt/py/bin/python3"
              }
            }
            """;
        _directory.Write("cache/interpreters.json", written);
        var cache = new PythonVersionCache(_directory.Combine("cache"));

        // When it is read, and the same answer is remembered in a new file
        var found = cache.Find(interpreter);
        File.Delete(_directory.Combine("cache/interpreters.json"));
        cache.Remember(interpreter, Answered);

        // Then the entry is found, and the new file is written the same way
        Assert.Equal(Answered, found);
        Assert.Equal(written, File.ReadAllText(_directory.Combine("cache/interpreters.json")));
    }

    [Fact]
    public void Should_Forget_An_Interpreter_Whose_File_Changed()
    {
        var interpreter = Binary("bin/python3");
        var cache = new PythonVersionCache(_directory.Combine("cache"));
        cache.Remember(interpreter, Answered);

        File.SetLastWriteTimeUtc(interpreter, File.GetLastWriteTimeUtc(interpreter).AddMinutes(-5));

        Assert.Null(cache.Find(interpreter));
    }

    [Fact]
    public void Should_Forget_A_Link_That_Now_Points_To_Another_Interpreter()
    {
        var first = Binary("bin/python3.11");
        var second = Binary("bin/python3.12");
        var link = _directory.Combine("bin/python3");
        File.CreateSymbolicLink(link, first);
        var cache = new PythonVersionCache(_directory.Combine("cache"));
        cache.Remember(link, Answered);
        Assert.Equal(Answered, cache.Find(link));

        File.Delete(link);
        File.CreateSymbolicLink(link, second);

        Assert.Null(cache.Find(link));
    }

    [Fact]
    public void Should_Never_Remember_A_Script_Because_A_Shim_Chooses_Its_Python_Per_Folder()
    {
        var shim = _directory.Write("shims/python3", "#!/usr/bin/env bash\nexec pyenv exec python3 \"$@\"\n");
        var cache = new PythonVersionCache(_directory.Combine("cache"));
        cache.Remember(shim, Answered);

        Assert.Null(cache.Find(shim));
        Assert.False(File.Exists(_directory.Combine("cache/interpreters.json")));
    }

    [Fact]
    public void Should_Treat_A_Damaged_Cache_File_As_Empty_And_Replace_It()
    {
        var interpreter = Binary("bin/python3");
        _directory.Write("cache/interpreters.json", "{ not json");
        var cache = new PythonVersionCache(_directory.Combine("cache"));

        Assert.Null(cache.Find(interpreter));
        cache.Remember(interpreter, Answered);
        Assert.Equal(Answered, cache.Find(interpreter));
    }

    [Fact]
    public void Should_Go_On_Without_A_Cache_It_Cannot_Write()
    {
        var interpreter = Binary("bin/python3");
        var blocked = _directory.Write("not-a-folder", "a file where the cache folder would be");
        var cache = new PythonVersionCache(blocked);

        cache.Remember(interpreter, Answered);

        Assert.Null(cache.Find(interpreter));
    }

    [Fact]
    public async Task Should_Parse_In_Process_With_A_Remembered_Version_Without_Starting_Python_Until_A_File_Needs_It()
    {
        // Given a first worker of the interpreter binary (the locator's python3 may be a shim) that started once and so remembered its version
        var interpreter = new PythonInterpreter(await ExecutableAsync(), "test");
        var cache = new PythonVersionCache(_directory.Combine("cache"));
        using (var first = new PythonWorker(new PythonWorkerOptions { Interpreter = interpreter, VersionCache = cache }))
        {
            var started = await first.IdentifyAsync();
            Assert.NotEmpty(first.ProcessIds);
            Assert.Equal(started, cache.Find(interpreter.Path));
        }

        // When a second worker of the same interpreter is asked for its version and parses a module
        using var second = new PythonWorker(new PythonWorkerOptions { Interpreter = interpreter, VersionCache = cache });
        var remembered = await second.IdentifyAsync();
        var parser = new ModuleParser(second);
        var parsed = await parser.ParseAsync("m.py", "x = [i for i in range(3)]\n");

        // Then no Python process ran for either; a text only the worker can judge starts it
        Assert.True(parser.InProcess);
        Assert.NotNull(parsed.Module);
        Assert.Empty(second.ProcessIds);
        Assert.Null(second.Version);
        Assert.Equal(remembered, second.KnownVersion);

        var broken = await parser.ParseAsync("broken.py", "def f(:\n");
        Assert.NotNull(broken.SyntaxError);
        Assert.NotEmpty(second.ProcessIds);
        Assert.Equal(remembered.Version, second.Version!.Version);
    }

    [Fact]
    public async Task Should_Parse_Speculatively_While_The_Version_Is_Unknown_And_Tell_When_The_Bet_Is_Won()
    {
        // Given a worker that has not started
        using var worker = Worker(cache: null);
        var parser = new ModuleParser(worker) { Speculative = true };

        // When a speculative parser parses before the version is known, and again after
        var early = await parser.ParseAsync("m.py", "x = 1\n");
        Assert.Empty(worker.ProcessIds);
        await worker.IdentifyAsync();
        var again = await parser.ParseAsync("m.py", "x = 1\n");

        // Then both parses were in process (the first not cached: the second is a parse of its own), and the bet was right
        Assert.Equal(2, parser.InProcessParses);
        Assert.NotSame(early.Module, again.Module);
        Assert.False(parser.SpeculatedWrongly);
    }

    [Fact]
    public async Task Should_Tell_When_A_Speculative_Parse_Bet_On_The_Wrong_Version()
    {
        // Given the interpreter binary (the locator's python3 may be a shim), remembered as Python 3.12
        var executable = await ExecutableAsync();
        var cache = new PythonVersionCache(_directory.Combine("cache"));
        cache.Remember(executable, new PythonVersionInfo(new Version(3, 12, 1), "cpython", executable));
        using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = new PythonInterpreter(executable, "test"), VersionCache = cache });
        var speculative = new ModuleParser(worker) { Speculative = true };
        var careful = new ModuleParser(worker);

        // When a speculative parser parses before the version is known, and the version then known is another
        Assert.NotNull((await speculative.ParseAsync("m.py", "x = 1\n")).Module);
        Assert.Equal(new Version(3, 12, 1), (await worker.IdentifyAsync()).Version);

        // Then the parser says its bet was lost, and no parser takes its tree from the cache or parses in process any more
        Assert.True(speculative.SpeculatedWrongly);
        Assert.False(careful.InProcess);
        Assert.NotNull((await careful.ParseAsync("m.py", "x = 1\n")).Module);
        Assert.Equal(0, careful.InProcessParses);
        Assert.Equal(1, careful.WorkerParses);
    }

    private static PythonWorker Worker(PythonVersionCache? cache) => new(new PythonWorkerOptions { Interpreter = Workers.Python3, VersionCache = cache });

    // The file the interpreter really runs from (sys.executable), which the cache can remember.
    private static async Task<string> ExecutableAsync()
    {
        using var probe = Worker(cache: null);
        return (await probe.StartAsync()).Executable;
    }

    // A stand-in for an interpreter binary: the cache reads only the first bytes, the size and the modification time.
    private string Binary(string relativePath)
    {
        var path = _directory.Combine(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', .. Guid.NewGuid().ToByteArray()]);
        return path;
    }
}
