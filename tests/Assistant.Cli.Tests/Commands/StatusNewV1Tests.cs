using System.Text.Json;
using Assistant.Cli.Tests.Reporting;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

/// <summary>
/// v1 code committed on the base after the migration started (the parent of the first flowmigrate commit) is reported
/// as new by <c>status</c> (table, JSON, SARIF) and trips <c>--fail-on new-v1</c>.
/// </summary>
public sealed class StatusNewV1Tests : IDisposable
{
    private const string Etl = "flyte_flows/etl_pipeline.py::daily_etl";
    private const string Late = "flyte_flows/late.py::late_flow";
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "newv1-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Should_Report_A_V1_Flow_Committed_On_The_Base_After_The_Migration_Started_As_New()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        var start = Git("rev-parse", "HEAD");

        // Before any flowmigrate commit nothing has started, so nothing is new.
        using (var before = await StatusJsonAsync())
        {
            Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("migration_start").ValueKind);
            Assert.DoesNotContain(Flows(before), f => f.GetProperty("new_since_start").GetBoolean());
        }

        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", Etl, "--yes", "--no-check");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        var quiet = await CliProcess.RunInAsync(_repo, null, "status", "--fail-on", "new-v1");
        Assert.True(quiet.ExitCode == 0, quiet.Output + quiet.Error);

        // A teammate keeps writing Flyte 1 on main: a new workflow, and a new tasks module with no workflow in it.
        File.WriteAllText(Path.Combine(_repo, "flyte_flows", "late.py"),
            "from flytekit import task, workflow\n\n\n@task\ndef ping(x: int) -> int:\n    return x\n\n\n@workflow\ndef late_flow(x: int) -> int:\n    return ping(x=x)\n");
        File.WriteAllText(Path.Combine(_repo, "flyte_flows", "late_tasks.py"), "from flytekit import task\n\n\n@task\ndef pong(x: int) -> int:\n    return x\n");
        Git("add", "--all");
        Git("commit", "--quiet", "-m", "teammate adds v1 code");

        using (var after = await StatusJsonAsync())
        {
            var root = after.RootElement;
            Assert.Equal("flowmigrate.status/2", root.GetProperty("schema").GetString());
            Assert.Equal(start, root.GetProperty("migration_start").GetProperty("commit").GetString());
            Assert.Contains("flowmigrate/flyte_flows.etl_pipeline.daily_etl", root.GetProperty("migration_start").GetProperty("via").GetString());
            Assert.Equal([Late], Flows(after).Where(f => f.GetProperty("new_since_start").GetBoolean()).Select(f => f.GetProperty("id").GetString()));
            Assert.Equal(["flyte_flows/late.py", "flyte_flows/late_tasks.py"], root.GetProperty("new_v1_files").EnumerateArray().Select(f => f.GetString()));
        }

        var table = await CliProcess.RunInAsync(_repo, null, "status");
        Assert.Contains("new since start", table.Output);
        Assert.Contains("new v1 file flyte_flows/late_tasks.py", table.Output);

        var sarif = _repo + ".sarif";
        var gate = await CliProcess.RunInAsync(_repo, null, "status", "--fail-on", "new-v1", "--sarif", sarif);
        Assert.Equal(1, gate.ExitCode);
        var line = Assert.Single(gate.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 flow(s) added on v1 since the migration started (late_flow)", line);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Empty(SarifValidator.Problems(log.RootElement));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (Rule: r.GetProperty("ruleId").GetString(), Level: r.GetProperty("level").GetString(),
                Uri: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(),
                Text: r.GetProperty("message").GetProperty("text").GetString()!))
            .ToList();
        Assert.Equal([("flyte_flows/late.py", "warning"), ("flyte_flows/late_tasks.py", "warning")],
            results.Where(r => r.Rule == "FM-NEW-V1").Select(r => (r.Uri, r.Level)).Order());
        Assert.Contains(results, r => r.Rule == "FM-V1" && r.Level == "note" && r.Text.Contains("build_report", StringComparison.Ordinal));
        Assert.DoesNotContain(results, r => r.Rule == "FM-V1" && r.Uri == "flyte_flows/late.py");
        File.Delete(sarif);
    }

    private async Task<JsonDocument> StatusJsonAsync()
    {
        var status = await CliProcess.RunInAsync(_repo, null, "status", "--json");
        Assert.True(status.ExitCode == 0, status.Output + status.Error);
        return JsonDocument.Parse(status.Output);
    }

    private static IEnumerable<JsonElement> Flows(JsonDocument status) => status.RootElement.GetProperty("flows").EnumerateArray();

    private string Git(params string[] arguments)
    {
        var run = GitCli.Run(_repo, arguments);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Trim();
    }

    public void Dispose() => GitCli.DeleteRepository(_repo);
}
