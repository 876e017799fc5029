using System.Text;
using System.Text.Json;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// Files a scan must survive: each bad one is listed with its reason and skipped, the good flow beside it
/// is still found, the exit code is 0 and the repository is left as it was.
/// </summary>
public sealed class ScanInputTests : IDisposable
{
    private readonly TempRepo _repo = new("scan");
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"outside-{Guid.NewGuid():N}");

    private async Task<JsonElement> ScanAsync()
    {
        _repo.Write("good.py", TempRepo.PrefectFlow("good")).Init().Commit();
        var before = _repo.Snapshot();
        var result = await Flowmigrate.RunAsync(_repo.Root, TimeSpan.FromMinutes(5), "scan", _repo.Root, "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal(before, _repo.Snapshot());
        var json = JsonDocument.Parse(result.Output).RootElement.Clone();
        Assert.Contains("good.py::good", Flows(json));
        return json;
    }

    private static List<string> Flows(JsonElement json) => json.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();

    private static string? ParseError(JsonElement json, string path) => json.GetProperty("files").EnumerateArray()
        .Single(f => f.GetProperty("path").GetString() == path)
        .TryGetProperty("parse_error", out var error) ? error.GetString() : null;

    [Fact]
    public async Task Should_Report_And_Skip_A_File_With_A_Syntax_Error()
    {
        _repo.Write("bad.py", "from prefect import Flow\nwith Flow(\"bad\") as f:\n    x = (\n");
        var json = await ScanAsync();
        Assert.Contains("syntax error at line 3", ParseError(json, "bad.py"));
        Assert.DoesNotContain(Flows(json), f => f.StartsWith("bad.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Report_And_Skip_Python_2_Code()
    {
        _repo.Write("legacy.py", "from prefect import Flow\nprint \"hello\"\nwith Flow(\"py2\") as f:\n    pass\n");
        var json = await ScanAsync();
        Assert.Contains("syntax error at line 2", ParseError(json, "legacy.py"));
    }

    [Fact]
    public async Task Should_Read_Latin1_With_A_Coding_Cookie()
    {
        _repo.Write("latin.py", Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\n" + TempRepo.PrefectFlow("café")));
        var json = await ScanAsync();
        Assert.Null(ParseError(json, "latin.py"));
        Assert.Contains("latin.py::café", Flows(json));
    }

    [Fact]
    public async Task Should_Report_And_Skip_Latin1_Without_A_Coding_Cookie()
    {
        _repo.Write("latin.py", Encoding.Latin1.GetBytes(TempRepo.PrefectFlow("café")));
        var json = await ScanAsync();
        Assert.Contains("is not valid UTF-8", ParseError(json, "latin.py"));
    }

    [Fact]
    public async Task Should_Report_And_Skip_A_Binary_File_Named_Py()
    {
        _repo.Write("x.py", [.. Encoding.ASCII.GetBytes("prefect"), 0, 1, 2, 0xFF, 0xFE, 0x80]);
        var json = await ScanAsync();
        Assert.Contains("binary", ParseError(json, "x.py"));
    }

    [Fact]
    public async Task Should_Terminate_On_Symlink_Loops()
    {
        Directory.CreateDirectory(Path.Combine(_repo.Root, "a"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "a", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "self"), "self");
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "loop.py"), "loop.py");
        _repo.Write("a/flow.py", TempRepo.PrefectFlow("inner"));
        var json = await ScanAsync();
        Assert.Contains("a/flow.py::inner", Flows(json));
        Assert.Equal(1, Flows(json).Count(f => f.EndsWith("::inner", StringComparison.Ordinal)));
        Assert.DoesNotContain(Flows(json), f => f.StartsWith("loop.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Not_Follow_A_Symlink_To_A_Directory_Outside_The_Repository()
    {
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "elsewhere.py"), TempRepo.PrefectFlow("elsewhere"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "linked"), _outside);
        var json = await ScanAsync();
        Assert.DoesNotContain(Flows(json), f => f.Contains("elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Report_And_Skip_A_Symlinked_Flow_File_Pointing_Outside_The_Repository()
    {
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "elsewhere.py"), TempRepo.PrefectFlow("elsewhere"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "link.py"), Path.Combine(_outside, "elsewhere.py"));
        var json = await ScanAsync();
        Assert.Contains("symbolic link", ParseError(json, "link.py"));
        Assert.DoesNotContain(Flows(json), f => f.StartsWith("link.py", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _repo.Dispose();
        if (Directory.Exists(_outside))
        {
            Directory.Delete(_outside, true);
        }
    }
}
