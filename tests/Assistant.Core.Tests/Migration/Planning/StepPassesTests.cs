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

    private const string PrefectModule = """
        from prefect import Flow, task
        from prefect.executors import LocalDaskExecutor
        from prefect.run_configs import DockerRun
        from prefect.schedules import CronSchedule


        @task
        def one() -> int:
            return 1


        with Flow(
            "daily",
            schedule=CronSchedule("16 22 * * *"),
            executor=LocalDaskExecutor(),
            run_config=DockerRun(image="ghcr.io/acme/prefect:1.4.9"),
        ) as flow:
            one()


        if __name__ == "__main__":
            flow.run()

        """;

    private const string CaseModule = """
        from prefect import Flow, case, task


        @task
        def check() -> bool:
            return True


        @task
        def report(text: str) -> None:
            print(text)


        with Flow("cases") as flow:
            large = check()
            with case(large, True):
                report("large")
            with case(large, False):
                report("small")

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

    [Theory]
    [InlineData("prefect1-to-prefect2")]
    [InlineData("prefect1-to-prefect3")]
    public async Task Should_Add_The_Task_Runner_Import_In_The_Pass_That_Removes_The_Last_Prefect_Imports(string rulesetId)
    {
        var (passes, after) = await RunAsync(rulesetId, PrefectModule, "deployment");

        Assert.DoesNotContain("prefect.schedules", after, StringComparison.Ordinal);
        Assert.Contains("from prefect.task_runners import ", after, StringComparison.Ordinal);
        Assert.Equal(2, passes);
    }

    [Theory]
    [InlineData("prefect1-to-prefect2")]
    [InlineData("prefect1-to-prefect3")]
    public async Task Should_Remove_The_Case_Import_In_The_Pass_That_Converts_All_Case_Blocks(string rulesetId)
    {
        var (passes, after) = await RunAsync(rulesetId, CaseModule, "control-flow");

        Assert.Contains("if not large:", after, StringComparison.Ordinal);
        Assert.DoesNotContain("case", after.Split('\n')[0], StringComparison.Ordinal);
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
