using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>A ~5 MB generated module: the scan finishes (no worker time-out aborting it) and finds the flow in it.</summary>
public sealed class LargeModuleTests : IDisposable
{
    private readonly TempRepo _repo = new("large");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_Scan_A_5_MB_Generated_Module()
    {
        var text = new StringBuilder("from prefect import Flow, task\n\n");
        for (var i = 0; text.Length < 5_000_000; i++)
        {
            text.Append($"@task\ndef t{i}(x: int = {i}) -> int:\n    '''generated {i}'''\n    return x + {i}\n\n");
        }

        text.Append("with Flow(\"big\") as flow:\n    t0()\n");
        _repo.Write("generated.py", text.ToString()).Write("small.py", TempRepo.PrefectFlow("small")).Init().Commit();

        var watch = Stopwatch.StartNew();
        var result = await Flowmigrate.RunAsync(_repo.Root, TimeSpan.FromMinutes(8), "scan", _repo.Root, "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var flows = JsonDocument.Parse(result.Output).RootElement.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains("generated.py::big", flows);
        Assert.Contains("small.py::small", flows);
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(8), $"took {watch.Elapsed}");
    }

    public void Dispose() => _repo.Dispose();
}
