using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Planning;

/// <summary>
/// How many passes a step needs over a module (<see cref="FileChange.Passes"/>): one that applies everything and one that
/// confirms nothing is left. A rule whose TODO or import edit waited for a later pass made it three (the later edit pass
/// cost every rule of the step another run over the module); these modules are shaped like the bench repository's.
/// </summary>
public sealed class StepPassesTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string FlyteModule = """
        from flytekit import CronSchedule, LaunchPlan, task, workflow


        @task
        def one() -> int:
            return 1


        @workflow
        def wf() -> int:
            return one()


        lp = LaunchPlan.get_or_create(wf, "daily", schedule=CronSchedule(schedule="0 6 * * *"))

        """;

    [Fact]
    public async Task Should_Write_The_Missing_Image_Todo_In_The_Pass_That_Declares_The_Environment()
    {
        var (passes, after) = await RunAsync("flyte1-to-flyte2", FlyteModule, "environment");

        Assert.Contains("# TODO(flowmigrate FLY101): no image for env:", after, StringComparison.Ordinal);
        Assert.Equal(2, passes);
    }

    [Fact]
    public async Task Should_Write_The_Cutover_Todo_In_The_Pass_That_Declares_The_Trigger()
    {
        var (passes, after) = await RunAsync("flyte1-to-flyte2", FlyteModule, "triggers");

        Assert.Contains("# TODO(flowmigrate FLY401): cutover: generated inactive", after, StringComparison.Ordinal);
        Assert.Equal(2, passes);
    }

    private async Task<(int Passes, string After)> RunAsync(string rulesetId, string source, string stepId)
    {
        var ruleset = BuiltInRulesets.Load(rulesetId, RepositoryLayout.Rulesets);
        var module = (await shared.Parser.ParseAsync("pkg/flows.py", source, SourceEncoding.Utf8)).Module!;
        var result = await new ConversionPipeline(shared.Parser).RunAsync(ruleset, new ProjectModel([module], new Dictionary<string, string>()), ["pkg/flows.py"], RulesetOptions.For(ruleset), FixPolicy.SafeAndReview);
        var change = result.Steps.Single(s => s.Step.Id == stepId).Files.Single();
        return (change.Passes, change.After);
    }
}
