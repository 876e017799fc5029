using Assistant.Core.Migration.Planning;
using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>The session's <see cref="IRuleWideDecisions"/>: one rule accepted for every flow that has its changes, kept across restarts.</summary>
public sealed class RuleWideDecisionsTests(SharedWorker shared) : IClassFixture<SharedWorker>, IDisposable
{
    private readonly SessionTestRuleset _rules = new();

    [Fact]
    public async Task Should_Count_The_Other_Flows_With_The_Rule_And_Pre_Accept_It_There_After_A_Restart()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo, FixPolicy.SafeAndReview))
        {
            var rules = Assert.IsAssignableFrom<IRuleWideDecisions>(session);
            await session.OpenAsync(FlyteTestRepo.Etl);

            Assert.Equal(2, await rules.CountFlowsWithRuleAsync("T02"));
            Assert.Equal(2, await rules.AcceptRuleEverywhereAsync("T02"));
        }

        // Safe-only (migrate without --yes) would leave T02, a review rule, for later: accepted for every flow, it is applied.
        await using var restarted = await OpenAsync(repo, FixPolicy.SafeOnly);
        var report = await restarted.OpenAsync(FlyteTestRepo.Report);
        Assert.True((await report.AcceptAsync()).IsSuccess);
        var change = Assert.Single(report.Current!.Changes);
        Assert.Equal(("T02", true, true), (change.RuleId, change.IsEnabled, change.IsRuleAccepted));

        Assert.True((await report.AcceptAsync()).IsSuccess);
        var message = repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.report.report");
        Assert.Contains("Flowmigrate-Accepted-Rule: T02", message);
        Assert.Contains("@flow_task", repo.Git("show", "flowmigrate/flows.report.report:flows_v2/flows/report.py"));
    }

    [Fact]
    public async Task Should_Pass_Over_A_Review_Only_Step_Under_Safe_Only_When_Its_Rule_Was_Not_Accepted_Everywhere()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo, FixPolicy.SafeOnly);
        var report = await session.OpenAsync(FlyteTestRepo.Report);

        Assert.True((await report.AcceptAsync()).IsSuccess);

        Assert.Null(report.Current);
        Assert.Equal(StepState.Empty, report.Steps.Single(s => s.Step.Id == "decorators").State);
    }

    [Fact]
    public async Task Should_Not_Count_A_Flow_Whose_Branch_Already_Has_The_Rules_Changes()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo, FixPolicy.SafeAndReview);
        var report = await session.OpenAsync(FlyteTestRepo.Report);
        while (report.Current is not null)
        {
            Assert.True((await report.AcceptAsync()).IsSuccess);
        }

        await session.OpenAsync(FlyteTestRepo.Etl);

        Assert.Equal(1, await ((IRuleWideDecisions)session).CountFlowsWithRuleAsync("T02"));
        Assert.Equal(0, await ((IRuleWideDecisions)session).CountFlowsWithRuleAsync("NO-SUCH-RULE"));
    }

    [Fact]
    public async Task Should_Keep_A_Rule_Accepted_Everywhere_When_Accepting_All_Safe_Changes()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo, FixPolicy.SafeAndReview);
        await session.OpenAsync(FlyteTestRepo.Etl);
        await ((IRuleWideDecisions)session).AcceptRuleEverywhereAsync("T02");
        var report = await session.OpenAsync(FlyteTestRepo.Report);

        var results = await report.AcceptAllSafeAsync();

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
        Assert.Contains("@flow_task", repo.Git("show", "flowmigrate/flows.report.report:flows_v2/flows/report.py"));
        Assert.DoesNotContain("Flowmigrate-Skipped: T02", repo.Git("log", "--format=%B", "main..flowmigrate/flows.report.report"));
    }

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo, FixPolicy policy) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = _rules.Load, Policy = policy }, shared.Worker);

    public void Dispose() => _rules.Dispose();
}
