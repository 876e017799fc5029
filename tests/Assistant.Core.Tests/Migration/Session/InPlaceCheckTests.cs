using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>
/// In place, the behaviour and graph checks compare the branch's files with the base commit's version of the same
/// files (written out from git's object store), before the commit that completes the flow and on demand.
/// </summary>
public sealed class InPlaceCheckTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Etl = "flows/etl.py::etl";

    [Fact]
    public async Task Should_Compare_A_Correct_In_Place_Migration_With_The_Base_Commit()
    {
        using var repo = CreateRepo();
        await using var session = await OpenAsync(repo);

        var last = await AcceptAllAsync(await session.OpenAsync(Etl));

        Assert.True(last.IsSuccess, last.Error);
        Assert.Contains("Flowmigrate-Check: passed", repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl"));

        // The same comparison on demand, from the committed branch.
        var check = await ((MigrationSession)session).CheckFlowAsync(Etl);
        Assert.NotNull(check);
        Assert.True(check.Passed, string.Join("\n", check.Findings));
        Assert.Contains(check.Behaviour, b => (b.File, b.Entity, b.Setting, b.Status, b.Before, b.After) == ("flows/tasks.py", "load", "resources.memory.limit", "preserved", "4Gi", "4Gi"));
        Assert.Contains(check.Behaviour, b => (b.Entity, b.Setting, b.Status, b.After) == ("etl", "trigger[etl_daily].schedule", "preserved", "cron 0 6 * * *"));
        Assert.DoesNotContain(check.Graph, g => g.Severity == "error");
        Assert.Single(Directory.GetDirectories(Path.Combine(repo.GitDir, "flowmigrate", "base-trees")));
    }

    [Fact]
    public async Task Should_Write_The_Base_Tree_Once_When_Checks_Running_Side_By_Side_Ask_For_It_At_Once()
    {
        // Given a flow migrated in place, and no base tree written out yet
        using var repo = CreateRepo();
        await using var session = await OpenAsync(repo);
        Assert.True((await AcceptAllAsync(await session.OpenAsync(Etl))).IsSuccess);
        var baseTrees = Path.Combine(repo.GitDir, "flowmigrate", "base-trees");
        Directory.Delete(baseTrees, recursive: true);

        // When four checks ask for the old code of the branch at the same moment (as `check` does on several workers)
        var roots = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            ((MigrationSession)session).OldRootAsync(repo.Path, "refs/heads/flowmigrate/flows.etl.etl", CancellationToken.None))));

        // Then all get the same whole tree, written once
        Assert.Single(roots.Distinct());
        Assert.Equal(Path.Combine(baseTrees, Path.GetFileName(roots[0])), roots[0]);
        Assert.Single(Directory.GetDirectories(baseTrees));
        Assert.True(File.Exists(Path.Combine(roots[0], "flows", "tasks.py")));
    }

    [Fact]
    public async Task Should_Refuse_The_Last_Commit_When_An_In_Place_Edit_Lowers_A_Resource_Limit()
    {
        using var repo = CreateRepo();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(Etl);
        Assert.Equal("environment", wizard.Current!.Step.Step.Id);
        var tasks = wizard.Current.Files.Single(f => f.Path == "flows/tasks.py").After;
        Assert.Contains("memory=(\"2Gi\", \"4Gi\")", tasks);
        Assert.Null(await wizard.EditAsync("flows/tasks.py", tasks.Replace("memory=(\"2Gi\", \"4Gi\")", "memory=\"2Gi\"", StringComparison.Ordinal)));

        var last = await AcceptAllAsync(wizard);

        Assert.False(last.IsSuccess);
        Assert.Contains("behaviour: load: resources.memory.limit changed (4Gi → 2Gi)", last.Error);
        Assert.False(last.Check!.Passed);
        Assert.DoesNotContain("Flowmigrate-Complete", repo.Git("log", "--format=%B", "main..flowmigrate/flows.etl.etl"));
    }

    [Fact]
    public async Task Should_Refuse_The_Last_Commit_When_An_In_Place_Edit_Changes_A_Cron()
    {
        using var repo = CreateRepo();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(Etl);
        while (wizard.Current is { } step && step.Step.Step.Id != "triggers")
        {
            Assert.True((await wizard.AcceptAsync()).IsSuccess);
        }

        var etl = wizard.Current!.Files.Single(f => f.Path == "flows/etl.py").After;
        Assert.Contains("\"0 6 * * *\"", etl);
        Assert.Null(await wizard.EditAsync("flows/etl.py", etl.Replace("\"0 6 * * *\"", "\"0 7 * * *\"", StringComparison.Ordinal)));

        var last = await AcceptAllAsync(wizard);

        Assert.False(last.IsSuccess);
        Assert.Contains("behaviour: etl: trigger[etl_daily].schedule changed (cron 0 6 * * * → cron 0 7 * * *)", last.Error);
    }

    private static async Task<CommitResult> AcceptAllAsync(IFlowWizard wizard)
    {
        CommitResult? last = null;
        while (wizard.Current is not null)
        {
            last = await wizard.AcceptAsync();
            if (!last.IsSuccess)
            {
                break;
            }
        }

        return last ?? throw new InvalidOperationException("the flow had no step to accept");
    }

    // Two workflows share flows/tasks.py, so in place they form one group on one branch.
    private static TempGitRepo CreateRepo()
    {
        var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", "mode: in-place\n");
        repo.WriteFile("flows/__init__.py", "");
        repo.WriteFile("flows/tasks.py", """
            from flytekit import Resources, task


            @task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(mem="4Gi"), retries=2)
            def load(day: str) -> int:
                return len(day)


            @task
            def double(x: int) -> int:
                return x * 2

            """);
        repo.WriteFile("flows/etl.py", """
            from flytekit import CronSchedule, LaunchPlan, workflow

            from flows.tasks import double, load


            @workflow
            def etl(day: str) -> int:
                rows = load(day=day)
                return double(x=rows)


            etl_lp = LaunchPlan.get_or_create(workflow=etl, name="etl_daily", schedule=CronSchedule(schedule="0 6 * * *"))

            """);
        repo.WriteFile("flows/report.py", """
            from flytekit import workflow

            from flows.tasks import double


            @workflow
            def report(x: int) -> int:
                return double(x=x)

            """);
        repo.Commit("Flyte 1 flows, in place");
        return repo;
    }

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker);
}
