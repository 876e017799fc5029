using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>
/// The graph check on hand-made before/after pairs (Pairs/graph_flyte, Pairs/graph_prefect): the old flow's DAG is
/// recorded by the stand-ins, the new flow function runs with placeholders, and their calls are compared.
/// </summary>
public sealed class GraphCheckTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly string s_pairs = Path.Combine(RepositoryLayout.Root, "tests", "Assistant.Core.Tests", "Python", "Checks", "Pairs");

    private readonly BehaviourChecker _checker = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData("graph_flyte", "after.py", "", true)]
    [InlineData("graph_flyte", "after_dropped.py", "dropped-call", false)]
    [InlineData("graph_flyte", "after_swapped.py", "changed-input", false)]
    [InlineData("graph_flyte", "after_unawaited.py", "unawaited-coroutine", false)]
    [InlineData("graph_flyte", "after_unmapped.py", "changed-mapping", false)]
    [InlineData("graph_flyte", "after_reordered.py", "lost-ordering", false)]
    [InlineData("graph_flyte", "after_sequential.py", "lost-parallelism", true)]
    [InlineData("graph_prefect", "after.py", "", true)]
    [InlineData("graph_prefect", "after_branch.py", "", true)]
    [InlineData("graph_prefect", "after_dropped.py", "dropped-call", false)]
    [InlineData("graph_prefect", "after_swapped.py", "changed-input", false)]
    [InlineData("graph_prefect", "after_unresolved.py", "unresolved-future", false)]
    [InlineData("graph_prefect", "after_sequential.py", "lost-parallelism", true)]
    [InlineData("graph_prefect_case", "after.py", "", true)]
    [InlineData("graph_prefect_parameter_called", "after.py", "", true)]
    [InlineData("graph_prefect_parameter_called", "after_swapped.py", "changed-input", false)]
    [InlineData("graph_prefect_case_same_task", "after.py", "", true)]
    [InlineData("graph_prefect_case_same_task", "after_dropped.py", "dropped-call", false)]
    [InlineData("graph_prefect_case_same_task", "after_dropped_in_one_arm.py", "dropped-call", false)]
    [InlineData("graph_prefect_copy", "after.py", "", true)]
    [InlineData("graph_prefect_copy", "after_template_only.py", "dropped-call", false)]
    [InlineData("graph_prefect_library", "after.py", "", true)]
    [InlineData("graph_prefect_library", "after_dropped.py", "dropped-call", false)]
    [InlineData("graph_prefect_uncalled", "after.py", "", true)]
    [InlineData("graph_prefect_imperative", "after.py", "", true)]
    [InlineData("graph_prefect_imperative", "after_reordered.py", "lost-ordering", false)]
    [InlineData("graph_prefect_uncalled", "after_uncalled.py", "changed-input,dropped-call", false)]
    [InlineData("graph_prefect_flow_run", "after.py", "", true)]
    [InlineData("graph_prefect_flow_run", "after_parameters_swapped.py", "changed-input", false)]
    [InlineData("graph_prefect_start_flow_run", "after.py", "", true)]
    [InlineData("graph_prefect_start_flow_run", "after_parameter_dropped.py", "changed-input,dropped-call", false)]
    public async Task Should_Report_What_Changed_In_The_Flows_Calls(string pair, string after, string kinds, bool passes)
    {
        var report = await CompareAsync(pair, after);

        Assert.True(report.Before.Loaded && report.After.Loaded, report.Before.Error + " " + report.After.Error);
        Assert.Equal(kinds.Split(',', StringSplitOptions.RemoveEmptyEntries), report.Graph.Select(g => g.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(passes, report.Passed);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public async Task Should_Name_The_Arm_Of_A_Case_That_Lost_A_Call()
    {
        var report = await CompareAsync("graph_prefect_case_same_task", "after_dropped_in_one_arm.py");

        var dropped = Assert.Single(report.Graph);
        Assert.Equal("set_timestamp is no longer called when rebuild is False (the old flow called it at line 29)", dropped.Message);
    }

    [Fact]
    public async Task Should_Compare_What_A_Child_Flow_Run_Was_Started_With()
    {
        var report = await CompareAsync("graph_prefect_flow_run", "after_parameters_swapped.py");

        var changed = Assert.Single(report.Graph);
        Assert.Equal("wait_for_run(flow_run_id=…) was fed by flow run + input:table_id, now by flow run + get_labels", changed.Message);
    }

    [Fact]
    public async Task Should_Name_The_Dropped_Task()
    {
        var report = await CompareAsync("graph_flyte", "after_dropped.py");

        var dropped = Assert.Single(report.Graph);
        Assert.Equal("pipeline", dropped.Flow);
        Assert.True(dropped.IsFailure);
        Assert.StartsWith("notify is no longer called", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Say_Which_Data_Edges_Were_Swapped()
    {
        var report = await CompareAsync("graph_prefect", "after_swapped.py");

        Assert.Equal(
            ["join(rate=…) was fed by lookup, now by score", "join(rows=…) was fed by score, now by lookup"],
            report.Graph.Select(g => g.Message).Order(StringComparer.Ordinal));
        Assert.All(report.Graph, g => Assert.Equal(("graph_prefect/after_swapped.py", 41), (g.File, g.Line)));
    }

    [Fact]
    public async Task Should_Point_At_The_Call_Of_An_Unawaited_Coroutine_And_An_Unresolved_Future()
    {
        var coroutine = Assert.Single((await CompareAsync("graph_flyte", "after_unawaited.py")).Graph);
        var future = Assert.Single((await CompareAsync("graph_prefect", "after_unresolved.py")).Graph);

        Assert.Equal(("unawaited-coroutine", 46), (coroutine.Kind, coroutine.Line));
        Assert.Equal(("unresolved-future", 43), (future.Kind, future.Line));
    }

    [Fact]
    public async Task Should_List_The_Calls_That_Lost_Their_Parallelism()
    {
        var report = await CompareAsync("graph_flyte", "after_sequential.py");

        var lost = Assert.Single(report.Graph);
        Assert.False(lost.IsFailure);
        Assert.StartsWith("2 pair(s) of calls that ran concurrently in the old flow now run one after another: extract ∥ lookup, lookup ∥ score;", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Record_The_Old_Flows_Explicit_Ordering_And_Mapped_Calls()
    {
        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(s_pairs, "graph_prefect/before.py", [CheckWorkspace.Manifest("prefect1", CheckSide.Old)]));

        var graph = Assert.Single(declarations.Graphs);
        Assert.True(graph.Parallel);
        var nodes = Assert.Single(graph.Runs).Nodes;
        Assert.Equal(["extract", "lookup", "score", "join", "publish", "archive"], nodes.Select(n => n.Id));
        Assert.True(nodes.Single(n => n.Id == "score").Mapped);
        Assert.Equal(["publish"], nodes.Single(n => n.Id == "archive").After);
        Assert.Equal(["input:region"], nodes.Single(n => n.Id == "lookup").Inputs["region"]);
    }

    private Task<BehaviourReport> CompareAsync(string pair, string after)
    {
        var (old, @new) = pair == "graph_flyte" ? ("flytekit", "flyte") : ("prefect1", "prefect3");
        return _checker.CompareAsync(
            new BehaviourSide(s_pairs, $"{pair}/before.py", [CheckWorkspace.Manifest(old, CheckSide.Old)]),
            new BehaviourSide(s_pairs, $"{pair}/{after}", [CheckWorkspace.Manifest(@new)]));
    }
}
