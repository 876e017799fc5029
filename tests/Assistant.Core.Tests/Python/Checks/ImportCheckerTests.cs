using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

public sealed class ImportCheckerTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string CorrectFlyte2 = """
        from datetime import timedelta

        import flyte
        import pandas as pd

        env = flyte.TaskEnvironment(
            name="etl",
            resources=flyte.Resources(cpu="1", memory=("2Gi", "4Gi")),
            secrets=[flyte.Secret(key="pw", group="db")],
        )


        @env.task(retries=2, cache=flyte.Cache(behavior="auto", version_override="1.2"), timeout=timedelta(minutes=5))
        def load(n: int) -> int:
            return n


        @env.task
        async def main(n: int = 3) -> list[int]:
            return list(flyte.map(load, range(n)))
        """;

    private readonly PythonWorker _worker = shared.Worker;

    [Fact]
    public async Task Should_Pass_A_Correct_Flyte2_Module_With_The_StandIn()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", CorrectFlyte2);

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        Assert.Equal(ImportCheckOutcome.Passed, result.Outcome);
        Assert.Empty(result.Errors);
        var package = Assert.Single(result.Packages);
        Assert.True(package.IsStandIn);
        Assert.Equal("flyte", package.Family);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("not_installed", "pandas", "flows_v2/etl.py", 4), (warning.Kind, warning.Module, warning.File, warning.Line));
    }

    [Fact]
    public async Task Should_Fail_With_CPythons_Message_And_Name_The_Rule_When_A_Keyword_Is_Unknown()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", """
            import flyte

            env = flyte.TaskEnvironment(
                name="etl",
                resources=flyte.Resources(mem="1Gi"),
            )
            """);
        var rules = new Dictionary<string, IReadOnlyDictionary<int, string>> { [module] = new Dictionary<int, string> { [5] = "FLY042" } };

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module], rules);

        Assert.Equal(ImportCheckOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("TypeError", error.Type);
        Assert.Equal("Resources.__init__() got an unexpected keyword argument 'mem'", error.Message);
        Assert.Equal(("flows_v2/etl.py", 5), (error.File, error.Line));
        Assert.Equal("resources=flyte.Resources(mem=\"1Gi\"),", error.SourceLine);
        Assert.Equal("FLY042", error.RuleId);
    }

    [Theory]
    [InlineData("from flyte import TaskEnviroment\n", "ImportError", "cannot import name 'TaskEnviroment' from 'flyte'")]
    [InlineData("import flytekit\n", "ModuleNotFoundError", "No module named 'flytekit'")]
    [InlineData("import flyte.nowhere\n", "ModuleNotFoundError", "No module named 'flyte.nowhere'")]
    public async Task Should_Fail_When_An_Import_Is_Missing_From_The_Target_Framework(string text, string type, string message)
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", text);

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportCheckOutcome.Failed, result.Outcome);
        Assert.Equal(type, error.Type);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(("flows_v2/etl.py", 1), (error.File, error.Line));
    }

    [Theory]
    [InlineData("unmapped(1), allow_failure(2)", null)]
    [InlineData("unmapped()", "unmapped.__init__() missing 1 required positional argument: 'value'")]
    public async Task Should_Take_The_Value_Of_Prefects_Annotations_Positionally(string call, string? error)
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", $"from prefect import allow_failure, unmapped\n\nVALUES = {call}\n");

        var result = await new ImportChecker(_worker, workspace.Options("prefect3")).CheckAsync([module]);

        Assert.Equal(error, result.Errors.SingleOrDefault()?.Message);
    }

    [Fact]
    public async Task Should_Report_A_Syntax_Error_With_Its_Line()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "import flyte\n\ndef load(:\n    pass\n");

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("SyntaxError", error.Type);
        Assert.Equal(3, error.Line);
        Assert.Equal("def load(:", error.SourceLine);
    }

    [Fact]
    public async Task Should_Report_SysExit_As_A_Failure_And_Keep_The_Worker()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "import sys\n\nsys.exit(3)\n");
        await _worker.StartAsync();
        var pid = _worker.ProcessId;

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("SystemExit", 3, 3), (error.Type, error.ExitCode, error.Line));
        Assert.Equal(pid, _worker.ProcessId);
    }

    // A collection in the checked child that visited the worker's objects would copy most of the worker's memory into it.
    [Fact]
    public Task Should_Leave_The_Workers_Objects_Out_Of_The_Checked_Childs_Collections() => AssertPassesAsync("""
            import gc

            if gc.get_freeze_count() < 1000:
                raise RuntimeError(f"only {gc.get_freeze_count()} objects frozen")
            """);

    // The stand-in's generated API (hundreds of classes) is imported once by the worker, not again by every checked child.
    [Fact]
    public Task Should_Hand_The_Checked_Child_The_StandIn_Api_The_Worker_Imported() => AssertPassesAsync("""
            import sys

            import flyte

            api = sys.modules["_fm_api_flyte"]
            if type(api.__spec__.loader).__name__ != "_PreloadedFinder":
                raise RuntimeError(f"the API was imported by {api.__spec__.loader!r}")
            if sys.modules["_flowmigrate_rt"] is not api._rt:
                raise RuntimeError("the API's runtime is not the one imported")
            env = flyte.TaskEnvironment(name="etl")
            """);

    // Handed over when imported, as a fresh import would be: a module that never imports the framework does not see it.
    [Fact]
    public Task Should_Not_Show_The_StandIn_To_A_Module_That_Does_Not_Import_It() => AssertPassesAsync("""
            import sys

            seen = sorted(name for name in ("_fm_api_flyte", "_flowmigrate_rt", "flyte") if name in sys.modules)
            if seen:
                raise RuntimeError(f"loaded before any import: {seen}")
            """);

    // What one checked module does to the stand-in's runtime (names it used that the manifest lacks) stays in its own child.
    [Fact]
    public async Task Should_Start_Every_Checked_Child_With_The_StandIns_Runtime_As_Imported()
    {
        using var workspace = new CheckWorkspace();
        var first = workspace.Write("flows_v2/first.py", """
            import _flowmigrate_rt
            import flyte

            _flowmigrate_rt.MISSING.append(("flyte", "left_by_the_first"))
            """);
        var second = workspace.Write("flows_v2/second.py", """
            import _flowmigrate_rt
            import flyte

            if _flowmigrate_rt.MISSING:
                raise RuntimeError(f"the runtime holds {_flowmigrate_rt.MISSING}")
            """);
        var checker = new ImportChecker(_worker, workspace.Options("flyte"));

        await checker.CheckAsync([first]);
        var result = await checker.CheckAsync([second]);

        Assert.Empty(result.Errors);
        Assert.Equal(ImportCheckOutcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Should_Stop_A_Module_That_Sleeps_Forever_At_The_Time_Limit()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "import time\n\nwhile True:\n    time.sleep(0.05)\n");
        await _worker.StartAsync();
        var pid = _worker.ProcessId;

        // TimedOut is the child's limit firing; had it not, the worker request's own margin would have thrown.
        var result = await new ImportChecker(_worker, workspace.Options("flyte", TimeSpan.FromSeconds(2))).CheckAsync([module]);

        Assert.Equal(ImportCheckOutcome.TimedOut, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("flows_v2/etl.py", 4), (error.File, error.Line));
        Assert.Equal(pid, _worker.ProcessId);
        Assert.True((await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([workspace.Write("ok.py", "x = 1\n")])).Passed);
    }

    [Fact]
    public async Task Should_Report_A_Segfault_As_A_Crash_At_The_Users_Line()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "import ctypes\n\nctypes.string_at(0)\n");
        await _worker.StartAsync();
        var pid = _worker.ProcessId;

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        Assert.Equal(ImportCheckOutcome.Crashed, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Contains("SIGSEGV", error.Message);
        Assert.Equal(("flows_v2/etl.py", 3), (error.File, error.Line));
        Assert.Equal(pid, _worker.ProcessId);
    }

    [Fact]
    public async Task Should_Answer_An_Unchanged_Check_From_The_Cache_And_Recheck_When_A_Loaded_File_Changes()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("flows_v2/__init__.py", string.Empty);
        workspace.Write("flows_v2/helpers.py", "LIMIT = ('2Gi', '4Gi')\n");
        var module = workspace.Write("flows_v2/etl.py", "import flyte\nfrom flows_v2.helpers import LIMIT\n\nR = flyte.Resources(memory=LIMIT)\n");
        var checker = new ImportChecker(_worker, workspace.Options("flyte"));

        var first = await checker.CheckAsync([module]);
        var second = await checker.CheckAsync([module]);
        workspace.Write("flows_v2/helpers.py", "LIMIT = ('2Gi', '4Gi')\nraise RuntimeError('changed')\n");
        var third = await checker.CheckAsync([module]);

        Assert.True(first.Passed);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.False(third.FromCache);
        Assert.Equal("RuntimeError", Assert.Single(third.Errors).Type);
        Assert.Equal("flows_v2/helpers.py", third.Errors[0].File);
    }

    // Checked children keep what they compile under the cache folder (never beside the user's files), taken again only for the
    // same text: a checkout can leave another text with the same time and size.
    [Fact]
    public async Task Should_Compile_A_Checked_Module_Once_And_Again_Only_When_Its_Text_Changes()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "LIMIT = 1\nassert LIMIT == 1\n");
        var path = Path.Combine(workspace.Root, module);
        var options = workspace.Options("flyte") with { CacheDirectory = Path.Combine(workspace.Root, ".cache") };

        var first = await new ImportChecker(_worker, options).CheckAsync([module]);
        var entry = Assert.Single(Directory.GetFiles(Assert.Single(Directory.GetDirectories(options.CacheDirectory, "code-*"))));
        var compiled = File.ReadAllBytes(entry);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(entry, longAgo);
        var second = await new ImportChecker(_worker, options).CheckAsync([module]);
        var reused = File.GetLastWriteTimeUtc(entry) == longAgo;
        var sourceTime = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, "LIMIT = 2\nassert LIMIT == 1\n");
        File.SetLastWriteTimeUtc(path, sourceTime);
        var third = await new ImportChecker(_worker, options).CheckAsync([module]);

        Assert.True(first.Passed);
        Assert.True(second.Passed);
        Assert.False(second.FromCache);
        Assert.True(reused, "the second check compiled the unchanged module again");
        Assert.Empty(Directory.GetFiles(options.CacheDirectory, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal("AssertionError", Assert.Single(third.Errors).Type);
        Assert.NotEqual(longAgo, File.GetLastWriteTimeUtc(entry));
        Assert.NotEqual(compiled, File.ReadAllBytes(entry));
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(workspace.Root, "flows_v2")), d => d.EndsWith("__pycache__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Fail_On_A_Module_That_Is_Not_Installed_In_Strict_Mode()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", "import flyte\nimport pandas\n");

        var result = await new ImportChecker(_worker, workspace.Options("flyte", strict: true)).CheckAsync([module]);

        Assert.Equal("ModuleNotFoundError", Assert.Single(result.Errors).Type);
        Assert.Equal(2, result.Errors[0].Line);
    }

    [Fact]
    public async Task Should_Find_Modules_Under_The_Src_Root()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("src/acme/__init__.py", string.Empty);
        workspace.Write("src/acme/tasks.py", "import prefect\n\n@prefect.task(retries=2)\ndef load():\n    return 1\n");
        var module = workspace.Write("src/acme/flow.py", "from prefect import flow\nfrom acme.tasks import load\n\n@flow(name='x')\ndef main():\n    load()\n");

        var result = await new ImportChecker(_worker, workspace.Options("prefect3")).CheckAsync([module]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        Assert.Contains("src/acme/tasks.py", result.LoadedFiles);
    }

    [Fact]
    public async Task Should_Load_The_Old_Side_With_StandIns_So_Module_Level_Runs_Reach_Nothing()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows/old.py", """
            from prefect import Flow, Parameter, task

            @task(max_retries=2)
            def hello(name):
                print("hello", name)

            with Flow("hello") as flow:
                hello(Parameter("name", default="x"))

            flow.run()
            flow.register(project_name="p")
            print("done")
            """);
        var options = workspace.Options("prefect1") with { Manifests = [CheckWorkspace.Manifest("prefect1", CheckSide.Old)] };

        var result = await new ImportChecker(_worker, options).CheckAsync([module]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        Assert.Equal("done\n", result.Stdout);
    }

    [Fact]
    public async Task Should_Check_Converted_Files_Given_As_Text_And_Point_At_The_Offending_Keyword()
    {
        using var workspace = new CheckWorkspace();
        var files = new Dictionary<string, string>
        {
            ["flows_v2/__init__.py"] = string.Empty,
            ["flows_v2/envs.py"] = "import flyte\n\nenv = flyte.TaskEnvironment(\n    name=\"etl\",\n    resources=flyte.Resources(\n        cpu=\"1\",\n        mem=\"2Gi\",\n    ),\n)\n",
            ["flows_v2/etl.py"] = "from flows_v2.envs import env\n\n@env.task\ndef load() -> int:\n    return 1\n",
        };
        var rules = new Dictionary<string, IReadOnlyDictionary<int, string>> { ["flows_v2/envs.py"] = new Dictionary<int, string> { [7] = "FLY031" } };

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckFilesAsync(files, rules);

        Assert.False(File.Exists(Path.Combine(workspace.Root, "flows_v2", "envs.py")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("Resources.__init__() got an unexpected keyword argument 'mem'", error.Message);
        Assert.Equal(("flows_v2/envs.py", 7, 5, "mem=\"2Gi\","), (error.File, error.Line, error.CallLine, error.SourceLine));
        Assert.Equal("FLY031", error.RuleId);
    }

    [Fact]
    public async Task Should_Warn_When_Module_Level_Code_Calls_A_Flow()
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/daily.py", """
            from prefect import flow

            @flow(name="daily")
            def daily(n: int = 1) -> int:
                return n

            daily()
            """);

        var result = await new ImportChecker(_worker, workspace.Options("prefect3")).CheckAsync([module]);

        Assert.True(result.Passed);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("runs_at_import", "daily", "flows_v2/daily.py", 7, "daily()"), (warning.Kind, warning.Module, warning.File, warning.Line, warning.SourceLine));
    }

    // A module written into a fresh workspace imports with the Flyte 2 stand-in, without an error.
    private async Task AssertPassesAsync(string text)
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/checked.py", text);

        var result = await new ImportChecker(_worker, workspace.Options("flyte")).CheckAsync([module]);

        Assert.Empty(result.Errors);
        Assert.Equal(ImportCheckOutcome.Passed, result.Outcome);
    }
}
