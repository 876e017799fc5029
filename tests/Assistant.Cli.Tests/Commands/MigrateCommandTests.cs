using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

/// <summary><c>flowmigrate migrate</c> on the demo repository, the real binary and real git.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private const string DailyEtl = "flyte_flows/etl_pipeline.py::daily_etl";
    private const string Training = "flyte_flows/training.py::churn_training";
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "migrate-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Should_Make_One_Branch_Per_Flow_With_One_Commit_Per_Step_With_Changes_And_Report_Merged_After_Git_Merge()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);

        // With the import, behaviour and graph checks before every commit: each of the ten flows passes them.
        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--all", "--yes");

        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        var flows = await StatusAsync();
        Assert.Equal(10, flows.Count);
        Assert.All(flows, f => Assert.Equal("committed", f.State));
        Assert.Equal(flows.Count, flows.Select(f => f.Branch).Distinct().Count());
        foreach (var flow in flows)
        {
            var commits = Git("log", "--format=%H", "main.." + flow.Branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var steps = Git("log", "--format=%(trailers:key=Flowmigrate-Step,valueonly)", "main.." + flow.Branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(commits);
            Assert.Equal(commits.Length, steps.Distinct().Count());
            Assert.All(commits, commit => Assert.Equal(1, GitCli.Run(_repo, "diff-tree", "--quiet", "--no-commit-id", "-r", commit).ExitCode));
            Assert.Equal([flow.Id], Git("log", "--format=%(trailers:key=Flowmigrate-Flow,valueonly)", "main.." + flow.Branch).Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct());
        }

        var training = flows.Single(f => f.Id == Training).Branch;
        Assert.Equal(0, GitCli.Run(_repo, "merge", "--quiet", "--no-edit", training).ExitCode);

        var after = (await StatusAsync()).ToDictionary(f => f.Id);
        Assert.Equal("merged", after[Training].State);
        Assert.Equal("committed", after[DailyEtl].State);
    }

    [Fact]
    public async Task Should_Say_That_The_Import_Check_Before_A_Flows_Last_Commit_Passed()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);

        var migrate = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", DailyEtl, "--yes");

        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        var output = string.Join(" ", migrate.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // Once, under the step whose commit completed the flow (the last one committed).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"import check passed \([^)]+, \d+ ms\)"));
        Assert.DoesNotContain("✓", output[output.IndexOf("import check passed", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Take_The_Path_After_A_Flow_Id_As_The_Repository()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);

        var migrate = await CliProcess.RunInAsync(Path.GetTempPath(), null, "migrate", "--flow", DailyEtl, _repo, "--yes", "--no-check");

        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        var flows = (await StatusAsync()).ToDictionary(f => f.Id);
        Assert.Equal("committed", flows[DailyEtl].State);
        Assert.Equal("not-started", flows[Training].State);
    }

    [Fact]
    public async Task Should_Rewrite_A_Branch_Whose_Base_Changed_Its_Files_Only_With_Consent()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", DailyEtl, "--yes", "--no-check")).ExitCode);
        const string Branch = "flowmigrate/flyte_flows.etl_pipeline.daily_etl";
        var tip = Git("rev-parse", Branch).Trim();
        File.AppendAllText(Path.Combine(_repo, "flyte_flows", "etl_pipeline.py"), "\n\n# A teammate's note kept by the migration.\n");
        Git("commit", "--quiet", "-am", "teammate edits the pipeline");
        var head = Git("rev-parse", "HEAD").Trim();

        var refused = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", DailyEtl, "--yes", "--no-check");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--rewrite", refused.Error);
        Assert.Equal(tip, Git("rev-parse", Branch).Trim());
        Assert.Equal(1, GitCli.Run(_repo, "rev-parse", "--verify", "--quiet", "refs/flowmigrate/replaced/flyte_flows.etl_pipeline.daily_etl").ExitCode);

        var rewritten = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", DailyEtl, "--yes", "--no-check", "--rewrite");

        Assert.True(rewritten.ExitCode == 0, rewritten.Output + rewritten.Error);
        Assert.Contains("re-planned on the new base", string.Join(" ", rewritten.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(tip, Git("rev-parse", "refs/flowmigrate/replaced/flyte_flows.etl_pipeline.daily_etl").Trim());
        Assert.Equal(0, GitCli.Run(_repo, "merge-base", "--is-ancestor", head, Branch).ExitCode);
        Assert.Equal(
            Git("log", "--format=%s", tip, "^" + head + "~1").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Git("log", "--format=%s", Branch, "^" + head).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("# A teammate's note kept by the migration.", Git("show", Branch + ":flows_v2/flyte_flows/etl_pipeline.py"));
        Assert.Equal("committed", (await StatusAsync()).Single(f => f.Id == DailyEtl).State);
    }

    private async Task<List<(string Id, string State, string Branch)>> StatusAsync()
    {
        var status = await CliProcess.RunInAsync(_repo, null, "status", "--json");
        Assert.True(status.ExitCode == 0, status.Error);
        using var json = JsonDocument.Parse(status.Output);
        return json.RootElement.GetProperty("flows").EnumerateArray()
            .Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("state").GetString()!, f.GetProperty("branch").GetString() ?? string.Empty))
            .ToList();
    }

    private string Git(params string[] arguments)
    {
        var result = GitCli.Run(_repo, arguments);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    public void Dispose() => GitCli.DeleteRepository(_repo);
}
