using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>The explanation of the environment step says when a sync driver loses Flyte 1's parallelism.</summary>
public sealed class DriverStyleTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Workflow = """
        from flytekit import task, workflow


        @task
        def fetch(day: str) -> int:
            return 1


        @workflow
        def report(monday: str, tuesday: str) -> int:
            first = fetch(day=monday)
            second = fetch(day=tuesday)
            return first + second

        """;

    [Fact]
    public async Task Should_Say_That_Independent_Calls_Now_Run_One_After_Another_When_The_Driver_Is_Sync()
    {
        var message = await EnvironmentMessageAsync(Workflow, "sync");

        Assert.Contains("Flyte 1 ran the independent calls of report (fetch(), fetch()) in parallel, this sync driver runs them one after another (--driver async gathers them)", message);
    }

    [Fact]
    public async Task Should_Name_The_Async_Drivers_When_The_Driver_Is_Async()
    {
        var message = await EnvironmentMessageAsync(Workflow, "async");

        Assert.Contains("async drivers: report", message);
        Assert.DoesNotContain("one after another", message);
    }

    [Fact]
    public async Task Should_Not_Mention_Parallelism_When_Every_Call_Depends_On_The_Previous_One()
    {
        var message = await EnvironmentMessageAsync(Workflow.Replace("fetch(day=tuesday)", "fetch(day=str(first))", StringComparison.Ordinal), "sync");

        Assert.DoesNotContain("in parallel", message);
    }

    private async Task<string> EnvironmentMessageAsync(string text, string driver)
    {
        var parsed = await shared.Parser.ParseAsync("flows/report.py", text);
        var ruleset = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets);
        var project = new ProjectModel([parsed.Module!]);
        var options = RulesetOptions.For(ruleset, RuleOptions.Default with { DriverStyle = driver, DefaultImage = "ghcr.io/acme/base:1.0" });
        var result = await new ConversionPipeline(shared.Parser).RunAsync(ruleset, project, ["flows/report.py"], options, FixPolicy.SafeAndReview);
        return result.Steps.SelectMany(s => s.Files).SelectMany(f => f.Applied).Single(a => a.Finding.RuleId == "FLY101").Finding.Message;
    }
}
