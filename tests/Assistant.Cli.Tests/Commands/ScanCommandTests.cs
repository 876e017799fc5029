using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

public sealed class ScanCommandTests
{
    private static string Demo => Path.Combine(CliProcess.Root, "src", "Assistant.Cli", "Demo", "repo");

    [Fact]
    public async Task Should_Print_Stable_Json_With_Every_Demo_Flow_And_Its_Tasks()
    {
        var result = await CliProcess.RunAsync("scan", "--json", Demo);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("flowmigrate.scan/1", root.GetProperty("schema").GetString());
        Assert.Equal(["flyte1", "prefect1"], root.GetProperty("frameworks").EnumerateArray().Select(e => e.GetString()));
        var flows = root.GetProperty("flows").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(10, flows.Count);
        var daily = flows["prefect_flows/daily_sales.py::daily-sales"];
        Assert.Equal("flow_block", daily.GetProperty("kind").GetString());
        Assert.Equal(87, daily.GetProperty("line").GetInt32());
        Assert.Contains("normalize_sales", daily.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["flyte_flows/common/tasks.py", "flyte_flows/etl_pipeline.py"],
            flows["flyte_flows/etl_pipeline.py::daily_etl"].GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        var again = await CliProcess.RunAsync("scan", "--json", Demo);
        Assert.Equal(result.Output, again.Output);
    }

    [Fact]
    public async Task Should_Print_A_Readable_Table_By_Default()
    {
        var result = await CliProcess.RunAsync("scan", Demo);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Flyte 1 (flytekit)", result.Output);
        Assert.Contains("daily-sales", result.Output);
        Assert.Contains("10 flows", result.Output);
    }

    [Theory]
    [InlineData("/definitely/not/here", "does not exist")]
    [InlineData("README.md", "is a file, not a directory")]
    public async Task Should_Exit_2_With_One_Clear_Line_On_Bad_Input(string path, string message)
    {
        var result = await CliProcess.RunAsync("scan", path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Should_Exit_3_When_The_Python_Is_Not_Python()
    {
        var result = await CliProcess.RunAsync("scan", "--python", "/bin/true", Demo);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("/bin/true", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Should_Scan_The_Same_And_Correct_The_Cache_When_It_Remembers_Another_Version()
    {
        // Given the interpreter binary, and a user cache that remembers it as Python 3.12 (the in-process parser reproduces 3.11)
        var cache = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var executable = await RememberedInterpreter.ExecutableAsync();
            RememberedInterpreter.Remember(cache, executable, new Version(3, 12, 1));
            var remembered = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache };
            // One module every parser reads: nothing in it needs the worker.
            var repo = Path.Combine(cache, "repo");
            Directory.CreateDirectory(repo);
            await File.WriteAllTextAsync(Path.Combine(repo, "flow.py"), "from flytekit import task, workflow\n\n@task\ndef t(x: int) -> int:\n    return x\n\n@workflow\ndef wf(x: int) -> int:\n    return t(x=x)\n");

            // When it is scanned with that cache (the remembered version rules the in-process parser out: the worker parses), and without it
            var scanned = await CliProcess.RunInAsync(CliProcess.Root, remembered, "scan", "--json", "--python", executable, repo);
            var plain = await CliProcess.RunAsync("scan", "--json", "--python", executable, repo);

            // Then the inventories are the same, and the cache now holds what the interpreter answered when the worker parsed
            Assert.Equal(0, scanned.ExitCode);
            Assert.Contains("flow.py::wf", scanned.Output);
            Assert.Equal(plain.Output, scanned.Output);
            Assert.Equal(3, new Assistant.Core.Python.PythonVersionCache(Path.Combine(cache, "flowmigrate")).Find(executable)!.Version.Major);
            Assert.NotEqual(12, new Assistant.Core.Python.PythonVersionCache(Path.Combine(cache, "flowmigrate")).Find(executable)!.Version.Minor);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
