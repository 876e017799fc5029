using Assistant.Core.Migration.Session;
using Assistant.Core.Migration.Session.Config;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>The session's <see cref="IPrefectTargetChoice"/> with the built-in Prefect rulesets on a real repository.</summary>
public sealed class PrefectTargetChoiceTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Etl = "flows/etl.py::etl";

    private const string Config = "# the team's settings\nprefect_target: prefect3  # pinned in the kickoff\nmode: side-by-side\n";

    private static TempGitRepo CreateRepo()
    {
        var repo = TempGitRepo.Create();
        repo.WriteFile("flows/__init__.py", "");
        repo.WriteFile("flows/etl.py", "from prefect import Flow, task\n\n\n@task(max_retries=2)\ndef extract():\n    return [1, 2]\n\n\n@task\ndef load(rows):\n    print(rows)\n\n\nwith Flow(\"etl\") as flow:\n    load(extract())\n");
        repo.WriteFile(".flowmigrate/config.yaml", Config);
        repo.Commit("Prefect 1 flow");
        return repo;
    }

    [Fact]
    public async Task Should_Pin_The_New_Target_Keeping_The_Config_Comments_And_Plan_Flows_Not_Started_For_It()
    {
        using var repo = CreateRepo();
        await using (var session = await OpenAsync(repo))
        {
            var choice = Assert.IsAssignableFrom<IPrefectTargetChoice>(session);

            var plan = await choice.ChangeTargetAsync("prefect2");

            Assert.Equal(("prefect3", "prefect2"), (plan.From, plan.To));
            Assert.Equal(["etl"], plan.Replanned);
            Assert.Equal("prefect2", session.PrefectTarget);
            Assert.Equal(Config.Replace("prefect_target: prefect3", "prefect_target: prefect2", StringComparison.Ordinal), repo.ReadFile(".flowmigrate/config.yaml"));
            var wizard = await session.OpenAsync(Etl);
            Assert.True((await wizard.AcceptAsync()).IsSuccess);
        }

        Assert.Contains("Flowmigrate-Ruleset: prefect1-to-prefect2@", repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl"));
        await using var restarted = await OpenAsync(repo);
        Assert.Equal("prefect2", restarted.PrefectTarget);
    }

    [Fact]
    public async Task Should_Refuse_While_A_Prefect_Flow_Is_In_Progress_And_Change_Nothing()
    {
        using var repo = CreateRepo();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(Etl);
        Assert.True((await wizard.AcceptAsync()).IsSuccess);
        Assert.NotNull(wizard.Current);
        var choice = (IPrefectTargetChoice)session;

        var plan = await choice.PlanTargetChangeAsync("prefect2");
        var refused = await Assert.ThrowsAsync<SessionException>(() => choice.ChangeTargetAsync("prefect2"));

        Assert.False(plan.CanChange);
        Assert.StartsWith("etl (step ", Assert.Single(plan.Blocking), StringComparison.Ordinal);
        Assert.Equal(SessionRefusal.TargetChangeBlocked, refused.Refusal);
        Assert.Contains("is in progress on prefect3; finish or abandon", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Config, repo.ReadFile(".flowmigrate/config.yaml"));
        Assert.Equal("prefect3", session.PrefectTarget);
    }

    [Fact]
    public void Should_Change_Only_The_Value_Keeping_Spacing_Comments_And_Line_Endings_Or_Add_The_Key()
    {
        Assert.Equal("mode: in-place\nprefect_target: prefect2\n", RepositoryConfigFile.WithPrefectTarget("mode: in-place", "prefect2"));
        Assert.Equal("prefect_target: prefect2\r\nmode: in-place\r\n", RepositoryConfigFile.WithPrefectTarget("prefect_target: prefect3\r\nmode: in-place\r\n", "prefect2"));
        Assert.Equal("prefect_target:\tprefect2   # team choice\n", RepositoryConfigFile.WithPrefectTarget("prefect_target:\tprefect3   # team choice\n", "prefect2"));
        Assert.Throws<RepositoryConfigException>(() => RepositoryConfigFile.WithPrefectTarget("", "prefect4"));
    }

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker);
}
