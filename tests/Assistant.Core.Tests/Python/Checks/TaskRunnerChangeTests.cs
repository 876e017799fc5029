using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>
/// A Prefect 1 flow without an executor ran on the sequential LocalExecutor; Prefect 3's default runner is a thread
/// pool. That changes nothing for a flow that only calls its tasks directly, and PF340 pins one worker where the flow
/// maps or submits: both are explained, not failures. A flow that submits on the default runner is a real change.
/// </summary>
public sealed class TaskRunnerChangeTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Before = """
        from prefect import Flow, Parameter, task

        @task
        def load(path):
            return path

        @task
        def save(rows):
            return None

        with Flow("ingest") as flow:
            path = Parameter("path", default="a")
            save(load(path))
        """;

    private readonly BehaviourChecker _checker = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData("direct", "", "save(load(path))", "threads", true)]
    [InlineData("one worker", "task_runner=ThreadPoolTaskRunner(max_workers=1)", "save.submit(load.submit(path)).result()", "sequential", true)]
    [InlineData("submitted", "", "save.submit(load.submit(path)).result()", "threads", false)]
    public async Task Should_Explain_A_Default_Task_Runner_Only_Where_It_Changes_Nothing(string _, string runner, string body, string after, bool passes)
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("old/flow.py", Before);
        workspace.Write("new/flow.py", $$"""
            from prefect import flow, task
            from prefect.task_runners import ThreadPoolTaskRunner

            @task
            def load(path):
                return path

            @task
            def save(rows):
                return None

            @flow(name="ingest", {{runner}})
            def ingest(path="a"):
                {{body}}
            """);

        var report = await _checker.CompareAsync(
            new BehaviourSide(workspace.Root, "old/flow.py", [CheckWorkspace.Manifest("prefect1", CheckSide.Old)]),
            new BehaviourSide(workspace.Root, "new/flow.py", [CheckWorkspace.Manifest("prefect3")]));

        var setting = report.Settings.Single(s => s.Setting == "task_runner");
        Assert.Equal(("sequential", after), (setting.Before, setting.After));
        Assert.Equal(passes, report.Passed);
        Assert.Equal(passes ? [] : ["task_runner"], report.Failures.Select(f => f.Setting));
    }
}
