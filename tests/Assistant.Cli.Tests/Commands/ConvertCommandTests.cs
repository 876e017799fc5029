using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "convert-" + Guid.NewGuid().ToString("N")[..8]);

    private static string Demo => Path.Combine(CliProcess.Root, "src", "Assistant.Cli", "Demo", "repo");

    [Fact]
    public async Task Should_Write_A_Converted_Tree_That_Parses_And_A_Report_Without_Touching_The_Source()
    {
        var before = Directory.EnumerateFiles(Demo, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var report = _out + ".json";

        var result = await CliProcess.RunAsync("convert", Demo, "--out", _out, "--json", report);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllText(pair.Key)));
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("flowmigrate.convert/2", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("summary").GetProperty("behaviour").ValueKind);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "flyte_flows/etl_pipeline.py" && f.GetProperty("changed").GetBoolean());
        // The report lists the flows (convert looks for them only when it writes one).
        Assert.Equal(10, json.RootElement.GetProperty("summary").GetProperty("flows").GetInt32());
        Assert.Equal(["daily_etl", "daily_etl_6am"], files.Single(f => f.GetProperty("path").GetString() == "flyte_flows/etl_pipeline.py").GetProperty("flows").EnumerateArray().Select(f => f.GetString()));
        foreach (var file in Directory.EnumerateFiles(_out, "*.py", SearchOption.AllDirectories))
        {
            var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", "import ast,sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())", file]) { RedirectStandardError = true })!;
            check.WaitForExit();
            Assert.True(check.ExitCode == 0, $"{file}: {check.StandardError.ReadToEnd()}");
        }

        Assert.DoesNotContain("from flytekit", File.ReadAllText(Path.Combine(_out, "flyte_flows", "etl_pipeline.py")));
        Assert.Equal(File.ReadAllText(Path.Combine(Demo, "README.md")), File.ReadAllText(Path.Combine(_out, "README.md")));
    }

    [Fact]
    public async Task Should_Report_What_Each_Converted_Flyte_And_Prefect_Module_Still_Declares_With_Check()
    {
        var report = _out + ".json";

        var result = await CliProcess.RunAsync("convert", Demo, "--out", _out, "--json", report, "--check");

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var summary = json.RootElement.GetProperty("summary").GetProperty("behaviour");
        var declared = summary.GetProperty("declared_settings").GetInt32();
        Assert.True(declared > 0, result.Error);
        Assert.Equal(declared, summary.GetProperty("preserved").GetInt32() + summary.GetProperty("changed").GetInt32() + summary.GetProperty("dropped").GetInt32());
        Assert.Equal(Math.Round(100.0 * summary.GetProperty("preserved").GetInt32() / declared, 2), summary.GetProperty("preserved_percent").GetDouble());
        Assert.Contains("declared settings preserved", result.Error);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("behaviour"));
        foreach (var path in new[] { "flyte_flows/etl_pipeline.py", "prefect_flows/daily_sales.py" })
        {
            Assert.True(files[path].GetProperty("preserved").GetInt32() > 0, $"{path}: {files[path]}");
            Assert.Equal(JsonValueKind.Null, files[path].GetProperty("not_compared").ValueKind);
        }

        var unexplained = summary.GetProperty("unexplained").GetInt32();
        Assert.Equal(unexplained > 0 || summary.GetProperty("files_not_loading").GetInt32() > 0 ? 1 : 0, result.ExitCode);
    }

    [Fact]
    public async Task Should_Make_Workflow_Drivers_Async_With_Driver_Async()
    {
        var result = await CliProcess.RunAsync("diff", Demo, "--driver", "async");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("+async def daily_etl(run_date: datetime, table: str = \"orders\") -> str:", result.Output);
        Assert.Contains("+    raw = await load_table.aio(table=table, run_date=run_date)", result.Output);
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Driver_Style()
    {
        var result = await CliProcess.RunAsync("diff", Demo, "--driver", "threads");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("threads", result.Error);
    }

    [Fact]
    public async Task Should_Print_The_Changes_As_A_Unified_Diff()
    {
        var result = await CliProcess.RunAsync("diff", Demo);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--- a/flyte_flows/etl_pipeline.py", result.Output);
        Assert.Contains("+import flyte", result.Output);
    }

    [Fact]
    public async Task Should_Print_The_Diffs_In_The_Order_Of_The_Report_Changed_Files_Then_Generated_Ones()
    {
        // Given the demo's report (its files in conversion order, then the files the conversion generates)
        var report = _out + ".json";
        var converted = await CliProcess.RunAsync("convert", Demo, "--out", _out, "--json", report);
        Assert.True(converted.ExitCode == 0, converted.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var expected = json.RootElement.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("changed").GetBoolean()).Select(f => f.GetProperty("path").GetString()!)
            .Concat(json.RootElement.GetProperty("generated").EnumerateArray().Select(g => g.GetString()!))
            .ToList();

        // When the same folder is shown as a diff (the diffs are computed on every core)
        var result = await CliProcess.RunAsync("diff", Demo);

        // Then each file's diff comes once, in that order
        Assert.Equal(0, result.ExitCode);
        var headers = result.Output.Split('\n').Where(l => l.StartsWith("+++ b/", StringComparison.Ordinal)).Select(l => l["+++ b/".Length..]).ToList();
        Assert.True(expected.Count > 4, $"the demo converts only {expected.Count} files");
        Assert.Equal(expected, headers);
    }

    [Fact]
    public async Task Should_Convert_The_Same_When_The_Version_Cache_Names_Another_Python()
    {
        // Given the interpreter binary, and a user cache that remembers it as Python 3.12 (the in-process parser bets on 3.11
        // while the files are read, so the bet is lost and the files are parsed again by the worker)
        var cache = _out + "-cache";
        var executable = await RememberedInterpreter.ExecutableAsync();
        RememberedInterpreter.Remember(cache, executable, new Version(3, 12, 1));
        try
        {
            // When the demo is converted with that cache, and without it
            var remembered = await CliProcess.RunInAsync(CliProcess.Root, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, "convert", "--python", executable, Demo, "--out", _out + "/remembered");
            var plain = await CliProcess.RunAsync("convert", "--python", executable, Demo, "--out", _out + "/plain");

            // Then both succeed and wrote the same files
            Assert.Equal(0, remembered.ExitCode);
            Assert.Equal(0, plain.ExitCode);
            var files = Directory.EnumerateFiles(_out + "/plain", "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_out + "/plain", f)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains(Path.Combine("flyte_flows", "etl_pipeline.py"), files);
            Assert.Equal(files, Directory.EnumerateFiles(_out + "/remembered", "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_out + "/remembered", f)).Order(StringComparer.Ordinal));
            Assert.All(files, f => Assert.Equal(File.ReadAllText(Path.Combine(_out, "plain", f)), File.ReadAllText(Path.Combine(_out, "remembered", f))));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, true);
        }

        File.Delete(_out + ".json");
    }
}
