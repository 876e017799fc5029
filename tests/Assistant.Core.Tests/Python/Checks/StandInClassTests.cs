using System.Diagnostics;
using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>Generated stand-in classes used as real code uses the framework's classes: constants, pydantic field types.</summary>
public sealed class StandInClassTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private readonly BehaviourChecker _checker = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Should_Read_An_Old_Module_That_Uses_A_Class_Constant_Its_Manifest_Does_Not_List()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("old.py", """
            from flytekit import Email, LaunchPlan, WorkflowExecutionPhase, task, workflow

            @task(retries=2)
            def double(a: int) -> int:
                return a * 2

            @workflow
            def doubler(a: int) -> int:
                return double(a=a)

            plan = LaunchPlan.get_or_create(
                name="notified",
                workflow=doubler,
                notifications=[Email(phases=[WorkflowExecutionPhase.SUCCEEDED, WorkflowExecutionPhase.FAILED], recipients_email=["a@b.c"])],
            )
            assert WorkflowExecutionPhase.SUCCEEDED is WorkflowExecutionPhase.SUCCEEDED
            assert WorkflowExecutionPhase.SUCCEEDED is not WorkflowExecutionPhase.FAILED
            """);

        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(workspace.Root, "old.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]));

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal("2", declarations.Entities.Single(e => e.Name == "double").Settings["retries"]);
        Assert.Equal(
            ["flytekit.WorkflowExecutionPhase.FAILED", "flytekit.WorkflowExecutionPhase.SUCCEEDED"],
            declarations.Warnings.Where(w => w.Kind == "not_in_manifest").Select(w => w.Module).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_Still_Fail_On_A_Class_Attribute_That_Is_Not_A_Constant_On_The_Old_Side()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("old.py", "from flytekit import WorkflowExecutionPhase\n\nphase = WorkflowExecutionPhase.succeeded\n");

        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(workspace.Root, "old.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]));

        Assert.False(declarations.Loaded);
        Assert.Contains("has no attribute 'succeeded'", declarations.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Still_Fail_On_A_Class_Constant_The_Manifest_Does_Not_List_On_The_New_Side()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("new.py", "import flyte\n\nsize = flyte.Resources.LARGE\n");

        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(workspace.Root, "new.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.False(declarations.Loaded);
        Assert.Contains("has no attribute 'LARGE'", declarations.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Compare_Modules_Whose_Pydantic_Models_Use_The_Frameworks_Data_Types_As_Fields()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("old/data.py", """
            from flytekit import task
            from flytekit.types.directory import FlyteDirectory
            from flytekit.types.file import FlyteFile
            from flytekit.types.structured import StructuredDataset
            from pydantic import BaseModel

            class FlyteTypes(BaseModel):
                dataframe: StructuredDataset
                file: FlyteFile
                directory: FlyteDirectory

            @task(retries=3)
            def upload() -> FlyteTypes:
                return FlyteTypes(dataframe=StructuredDataset(uri="s3://b/df"), file=FlyteFile("a.txt"), directory=FlyteDirectory("d"))
            """);
        workspace.Write("new/data.py", """
            import flyte
            from flyte.io import DataFrame, Dir, File
            from pydantic import BaseModel

            env = flyte.TaskEnvironment(name="types")

            class FlyteTypes(BaseModel):
                dataframe: DataFrame
                file: File
                directory: Dir

            @env.task(retries=3)
            def upload() -> FlyteTypes:
                return FlyteTypes(dataframe=DataFrame(uri="s3://b/df"), file=File(path="a.txt"), directory=Dir(path="d"))
            """);
        var before = new BehaviourSide(Path.Combine(workspace.Root, "old"), "data.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);
        var after = new BehaviourSide(Path.Combine(workspace.Root, "new"), "data.py", [CheckWorkspace.Manifest("flyte")]);

        var report = await _checker.CompareAsync(before, after);

        if (!PydanticInstalled())
        {
            Assert.Contains("pydantic", report.Before.Error?.ToString(), StringComparison.Ordinal);
            return;
        }

        Assert.True(report.Before.Loaded, report.Before.Error?.ToString());
        Assert.True(report.After.Loaded, report.After.Error?.ToString());
        Assert.Contains(report.Settings, s => s is { Entity: "upload", Setting: "retries", Status: SettingStatus.Preserved, After: "3" });
        Assert.True(report.Passed, string.Join("\n", report.Failures));
    }

    private static bool PydanticInstalled()
    {
        using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import pydantic"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
