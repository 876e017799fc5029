using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reporting;

[Collection(MigratedDemoCollection.Name)]
public sealed class StatusGateTests(MigratedDemoFixture demo)
{
    [Fact]
    public async Task Should_Write_Valid_Sarif_With_Every_Todo_And_Every_Flow_Still_On_V1()
    {
        var sarif = Path.Combine(demo.Repo, "..", Path.GetFileName(demo.Repo) + ".sarif");

        var status = await CliProcess.RunInAsync(demo.Repo, null, "status", "--sarif", sarif);

        Assert.True(status.ExitCode == 0, status.Error);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Empty(SarifValidator.Problems(log.RootElement));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "FLY401"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "flows_v2/flyte_flows/etl_pipeline.py");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "FM-V1"
            && r.GetProperty("message").GetProperty("text").GetString()!.Contains("daily_etl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Fail_The_Todo_Gate_With_One_Line_Saying_Why()
    {
        var gate = await CliProcess.RunInAsync(demo.Repo, null, "status", "--fail-on", "todo");

        Assert.Equal(1, gate.ExitCode);
        var line = Assert.Single(gate.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("TODO marker(s) remain", line);
        Assert.Contains("flows_v2/", line);
    }

    [Fact]
    public async Task Should_Fail_The_Unmigrated_Gate_While_Branches_Are_Not_Merged()
    {
        var gate = await CliProcess.RunInAsync(demo.Repo, null, "status", "--fail-on", "unmigrated", "--json");

        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("still on v1", gate.Error);
        Assert.Equal("flowmigrate.status/2", JsonDocument.Parse(gate.Output).RootElement.GetProperty("schema").GetString());
    }
}
