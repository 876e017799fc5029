using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>
/// Demo flows converted by hand (side by side, in DemoConverted/) pass the import check with the target
/// stand-in and the behaviour check against the original demo modules.
/// </summary>
public sealed class DemoConversionTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly string s_converted = Path.Combine(RepositoryLayout.Root, "tests", "Assistant.Core.Tests", "Python", "Checks", "DemoConverted");

    private readonly BehaviourChecker _behaviour = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData("flyte", "flyte_flows_v2/etl_pipeline.py", "flyte_flows_v2/common/tasks.py")]
    [InlineData("prefect3", "prefect_flows_v2/daily_sales.py", "prefect_flows_v2/utils/tasks.py")]
    public async Task Should_Import_The_Converted_Demo_Flows(string framework, string flow, string shared)
    {
        var checker = new ImportChecker(_behaviour.Worker, new ImportCheckOptions
        {
            Root = s_converted,
            Manifests = [CheckWorkspace.Manifest(framework)],
            CacheDirectory = CheckWorkspace.StandInCache,
            Strict = true,
        });

        var result = await checker.CheckAsync([flow, shared]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("flyte_flows/etl_pipeline.py", "flytekit", "flyte_flows_v2/etl_pipeline.py", "flyte", null)]
    [InlineData("flyte_flows/common/tasks.py", "flytekit", "flyte_flows_v2/common/tasks.py", "flyte", null)]
    [InlineData("prefect_flows/daily_sales.py", "prefect1", "prefect_flows_v2/daily_sales.py", "prefect3", "deployments/daily-sales.prefect.yaml")]
    [InlineData("prefect_flows/utils/tasks.py", "prefect1", "prefect_flows_v2/utils/tasks.py", "prefect3", null)]
    public async Task Should_Find_No_Unexplained_Difference_In_The_Converted_Demo(string before, string oldFramework, string after, string newFramework, string? deployment)
    {
        var old = new BehaviourSide(RepositoryLayout.Demo, before, [CheckWorkspace.Manifest(oldFramework, CheckSide.Old)]);
        var @new = new BehaviourSide(s_converted, after, [CheckWorkspace.Manifest(newFramework)]) { DeploymentFiles = deployment is null ? [] : [deployment] };

        var report = await _behaviour.CompareAsync(old, @new);

        Assert.True(report.Passed, string.Join("\n", report.Failures.Select(f => f.ToString()).Concat(report.Graph.Select(g => g.ToString()))
            .Append(report.After.Error?.ToString() ?? string.Empty)));
        Assert.Contains(report.Settings, s => s.Status == SettingStatus.Preserved);
    }
}
