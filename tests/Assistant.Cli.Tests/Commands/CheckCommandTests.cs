using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private const string Flow = "flyte_flows/etl_pipeline.py::daily_etl";
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "check-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Should_Pass_A_Migrated_Flow_And_Fail_A_Branch_Whose_Code_No_Longer_Imports()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", Flow, "--yes");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);

        var passed = await CliProcess.RunInAsync(_repo, null, "check", "--flow", Flow, "--json");
        Assert.Equal(0, passed.ExitCode);
        using (var json = JsonDocument.Parse(passed.Output))
        {
            Assert.Equal("flowmigrate.check/2", json.RootElement.GetProperty("schema").GetString());
            var flow = json.RootElement.GetProperty("flows")[0];
            Assert.Equal("passed", flow.GetProperty("result").GetString());
            Assert.Contains(flow.GetProperty("behaviour").EnumerateArray(), b => b.GetProperty("status").GetString() == "preserved");
            Assert.Empty(flow.GetProperty("graph").EnumerateArray());
        }

        // A teammate breaks the converted module on the branch: a keyword flyte.Resources does not take.
        Git("checkout", "--quiet", "flowmigrate/flyte_flows.etl_pipeline.daily_etl");
        var converted = Path.Combine(_repo, "flows_v2", "flyte_flows", "etl_pipeline.py");
        File.WriteAllText(converted, File.ReadAllText(converted).Replace("memory=", "mem=", StringComparison.Ordinal));
        Git("commit", "--quiet", "-am", "typo");
        Git("checkout", "--quiet", "main");

        var failed = await CliProcess.RunInAsync(_repo, null, "check", "--flow", Flow);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("unexpected keyword argument 'mem'", failed.Output);
    }

    [Fact]
    public async Task Should_Fail_A_Branch_Whose_Driver_Feeds_A_Task_From_The_Wrong_Node()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", Flow, "--yes");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);

        // A teammate "simplifies" the driver on the branch: clean_rows now reads the run date instead of the loaded rows.
        Git("checkout", "--quiet", "flowmigrate/flyte_flows.etl_pipeline.daily_etl");
        var converted = Path.Combine(_repo, "flows_v2", "flyte_flows", "etl_pipeline.py");
        var text = File.ReadAllText(converted);
        Assert.Contains("clean_rows(rows=raw)", text);
        File.WriteAllText(converted, text.Replace("clean_rows(rows=raw)", "clean_rows(rows=run_date)", StringComparison.Ordinal));
        Git("commit", "--quiet", "-am", "shortcut");
        Git("checkout", "--quiet", "main");

        var failed = await CliProcess.RunInAsync(_repo, null, "check", "--flow", Flow, "--json");

        Assert.Equal(1, failed.ExitCode);
        using var json = JsonDocument.Parse(failed.Output);
        var graph = Assert.Single(json.RootElement.GetProperty("flows")[0].GetProperty("graph").EnumerateArray());
        Assert.Equal(("daily_etl", "changed-input", "error"), (graph.GetProperty("flow").GetString(), graph.GetProperty("kind").GetString(), graph.GetProperty("severity").GetString()));
        Assert.Equal("clean_rows(rows=…) was fed by load_table, now by input:run_date", graph.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Should_Check_A_Branch_Against_The_Target_It_Was_Migrated_To_Not_The_Pinned_Default()
    {
        // Regression: a flow migrated with --target prefect2 was checked against the Prefect 3 stand-in
        // (the repository's default target), where SequentialTaskRunner does not exist, and failed.
        const string sales = "prefect_flows/daily_sales.py::daily-sales";
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", sales, "--yes", "--target", "prefect2");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);

        var check = await CliProcess.RunInAsync(_repo, null, "check", "--flow", sales, "--json");

        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        using var json = JsonDocument.Parse(check.Output);
        var flow = json.RootElement.GetProperty("flows")[0];
        Assert.Equal("passed", flow.GetProperty("result").GetString());

        // The schedule moved to the generated deployment file, where the check reads it: preserved, not dropped.
        var schedule = flow.GetProperty("behaviour").EnumerateArray().Single(b => b.GetProperty("setting").GetString() == "schedule[0]");
        Assert.Equal(("preserved", "interval 3600"), (schedule.GetProperty("status").GetString(), schedule.GetProperty("after").GetString()));
        Assert.DoesNotContain(flow.GetProperty("behaviour").EnumerateArray(), b => b.GetProperty("setting").GetString() == "schedule[1]");
    }

    [Fact]
    public async Task Should_Compare_An_In_Place_Branch_With_Its_Base_Commit_And_Catch_A_Dropped_Limit_And_A_Changed_Cron()
    {
        await DemoInPlaceAsync();
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", Flow, "--yes");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);

        var passed = await CliProcess.RunInAsync(_repo, null, "check", "--flow", Flow, "--json");
        Assert.True(passed.ExitCode == 0, passed.Output + passed.Error);
        using (var json = JsonDocument.Parse(passed.Output))
        {
            var behaviour = json.RootElement.GetProperty("flows")[0].GetProperty("behaviour").EnumerateArray().ToList();
            Assert.Contains(behaviour, b => Line(b) == ("load_table", "resources.memory.limit", "preserved", "4Gi"));
            Assert.Contains(behaviour, b => Line(b) == ("daily_etl", "trigger[daily_etl_6am].schedule", "preserved", "cron 0 6 * * *"));
        }

        // On the branch, in place: the memory limit of the shared tasks module shrinks to its request (a scalar) and the cron moves an hour.
        Git("checkout", "--quiet", "flowmigrate/flyte_flows.etl_pipeline.daily_etl");
        Edit(Path.Combine("flyte_flows", "common", "tasks.py"), "memory=(\"2Gi\", \"4Gi\")", "memory=\"2Gi\"");
        Edit(Path.Combine("flyte_flows", "etl_pipeline.py"), "flyte.Cron(\"0 6 * * *\")", "flyte.Cron(\"0 7 * * *\")");
        Git("commit", "--quiet", "-am", "hand edits");
        Git("checkout", "--quiet", "main");

        var failed = await CliProcess.RunInAsync(_repo, null, "check", "--flow", Flow, "--json");

        Assert.Equal(1, failed.ExitCode);
        using var result = JsonDocument.Parse(failed.Output);
        var flow = result.RootElement.GetProperty("flows")[0];
        Assert.Equal("failed", flow.GetProperty("result").GetString());
        var lines = flow.GetProperty("behaviour").EnumerateArray().ToList();
        Assert.Contains(lines, b => Line(b) == ("load_table", "resources.memory.limit", "changed", "2Gi"));
        Assert.Contains(lines, b => Line(b) == ("daily_etl", "trigger[daily_etl_6am].schedule", "changed", "cron 0 7 * * *"));
        var errors = flow.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() == "error").Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.Contains("behaviour: load_table: resources.memory.limit changed (4Gi → 2Gi) and no TODO explains it", errors);
        Assert.Contains("behaviour: daily_etl: trigger[daily_etl_6am].schedule changed (cron 0 6 * * * → cron 0 7 * * *) and no TODO explains it", errors);
    }

    [Fact]
    public async Task Should_Check_All_Flows_Side_By_Side_As_Each_Alone_And_Leave_No_Worktree()
    {
        // Given the demo migrated in place: three branches (flows sharing a module share one), each compared with the same base tree
        await DemoInPlaceAsync();
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--all", "--yes", "--no-check");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        // and the worktree of a check that was killed, still registered with git
        var worktrees = Path.Combine(_repo, ".git", "flowmigrate", "worktrees");
        Git("worktree", "add", "--quiet", "--detach", Path.Combine(worktrees, ".check-1"), "main");
        File.WriteAllText(Path.Combine(worktrees, ".check-1", "left.txt"), "x");

        // When all flows are checked at once (on a worker per core, each going from branch to branch in a worktree of its own), and each alone
        var all = await CliProcess.RunInAsync(_repo, null, "check", "--json");
        using var together = JsonDocument.Parse(all.Output);
        var flows = together.RootElement.GetProperty("flows").EnumerateArray().ToList();
        var alone = new List<string>();
        foreach (var flow in flows)
        {
            var one = await CliProcess.RunInAsync(_repo, null, "check", "--flow", flow.GetProperty("id").GetString()!, "--json");
            using var json = JsonDocument.Parse(one.Output);
            alone.Add(WithoutTiming(json.RootElement.GetProperty("flows")[0]));
        }

        // Then each flow's report is the one it gets alone, and the worktrees made for the checks (and the one left) are gone
        Assert.True(flows.Count >= 2, all.Output + all.Error);
        Assert.Equal(alone, flows.Select(WithoutTiming));
        Assert.All(flows, f => Assert.Equal("passed", f.GetProperty("result").GetString()));
        var listed = GitCli.Run(_repo, "worktree", "list", "--porcelain");
        Assert.Single(listed.Output.Split('\n'), l => l.StartsWith("worktree ", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(worktrees));
    }

    private static string WithoutTiming(JsonElement flow) =>
        string.Join(",", flow.EnumerateObject().Where(p => p.Name != "elapsed_ms").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    // The demo repository, configured to migrate in place (committed).
    private async Task DemoInPlaceAsync()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        Directory.CreateDirectory(Path.Combine(_repo, ".flowmigrate"));
        File.WriteAllText(Path.Combine(_repo, ".flowmigrate", "config.yaml"), "mode: in-place\n");
        Git("add", "--all");
        Git("commit", "--quiet", "-m", "migrate in place");
    }

    private static (string?, string?, string?, string?) Line(JsonElement b) =>
        (b.GetProperty("entity").GetString(), b.GetProperty("setting").GetString(), b.GetProperty("status").GetString(), b.GetProperty("after").GetString());

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(_repo, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private void Git(params string[] arguments)
    {
        var run = GitCli.Run(_repo, arguments);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    public void Dispose() => GitCli.DeleteRepository(_repo);
}
