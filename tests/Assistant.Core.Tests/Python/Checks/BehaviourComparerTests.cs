using Assistant.Core.Python.Checks;

namespace Assistant.Core.Tests.Python.Checks;

public sealed class BehaviourComparerTests
{
    private static ModuleDeclarations Module(params DeclaredEntity[] entities) => new("m.py", ImportCheckOutcome.Passed, entities, null, []);

    private static DeclaredEntity Task(string name, params (string Key, string Value)[] settings) =>
        new("task", name, name, settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public void Should_Only_Let_A_Todo_Explain_The_Entity_It_Names()
    {
        var before = Module(Task("load", ("retries", "3")), Task("clean", ("retries", "3")));
        var after = Module(Task("load"), Task("clean"));

        var results = BehaviourComparer.Compare(before, after, ["PF3050: load: retries are no longer set here, the platform retries instead"]);

        Assert.True(results.Single(r => r.Entity == "load").IsExplained);
        Assert.True(results.Single(r => r.Entity == "clean").IsFailure);
    }

    [Fact]
    public void Should_Pair_A_Renamed_Flow_And_Report_The_Name_Change()
    {
        var before = Module(new DeclaredEntity("flow", "daily sales", "flow", new Dictionary<string, string> { ["task_runner"] = "threads" }));
        var after = Module(new DeclaredEntity("flow", "daily-sales", "daily_sales", new Dictionary<string, string> { ["task_runner"] = "threads" }));

        var results = BehaviourComparer.Compare(before, after, []);

        Assert.Contains(results, r => r is { Setting: "name", Status: SettingStatus.Changed, Before: "daily sales", After: "daily-sales" });
        Assert.Contains(results, r => r is { Setting: "task_runner", Status: SettingStatus.Preserved });
    }

    [Fact]
    public void Should_Report_A_Task_Missing_From_The_New_Module_As_Dropped()
    {
        var results = BehaviourComparer.Compare(Module(Task("load", ("retries", "1"))), Module(), []);

        var dropped = Assert.Single(results);
        Assert.Equal((SettingStatus.Dropped, "(declaration)"), (dropped.Status, dropped.Setting));
        Assert.True(dropped.IsFailure);
    }

    [Fact]
    public void Should_Find_Task_Instances_Under_The_Other_Names_Of_The_Task_They_Became()
    {
        // Given three v1 instances of one Task class, which the conversion made names of one @task function
        var before = Module(
            Task("number_1", ("name", "RandomNum")) with { Class = "RandomNum" },
            Task("number_2", ("name", "RandomNum")) with { Class = "RandomNum" },
            Task("total", ("name", "Sum")) with { Class = "Sum" });
        var after = Module(
            Task("random_num", ("name", "RandomNum")) with { Aliases = ["number_1", "number_2"] },
            Task("sum_task", ("name", "Sum")) with { Aliases = ["total"] });

        // When they are compared
        var results = BehaviourComparer.Compare(before, after, []);

        // Then each instance finds the task under its own name, with its name setting preserved and no rename reported
        Assert.DoesNotContain(results, r => r.IsFailure || r.Status == SettingStatus.Added);
        Assert.Equal(["number_1", "number_2", "total"], results.Where(r => r is { Setting: "name", Status: SettingStatus.Preserved }).Select(r => r.Entity).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_Explain_A_Secret_Task_That_Became_A_Value()
    {
        var secret = Task("secret", ("name", "MY_SECRET")) with { Class = "PrefectSecret" };
        var other = Task("load", ("name", "Load")) with { Class = "Load" };

        var results = BehaviourComparer.Compare(Module(secret, other), Module(), []);

        Assert.False(results.Single(r => r.Entity == "secret").IsFailure);
        Assert.True(results.Single(r => r.Entity == "load").IsFailure);
    }

    [Fact]
    public void Should_Explain_A_StartFlowRun_Task_That_Became_Run_Deployment_Calls()
    {
        var start = Task("extract", ("name", "StartFlowRun")) with { Class = "StartFlowRun" };

        var results = BehaviourComparer.Compare(Module(start), Module(), []);

        Assert.All(results, r => Assert.False(r.IsFailure));
        Assert.Contains("run_deployment", results.Single(r => r.Setting == "(declaration)").ExplainedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Let_The_Todo_That_Names_Its_Class_Explain_A_Dropped_Task_Instance()
    {
        var instance = Task("ge_task", ("name", "RunGreatExpectationsValidation")) with { Class = "RunGreatExpectationsValidation" };
        const string Todo = "PF344: RunGreatExpectationsValidation (prefect.tasks.great_expectations) is a Prefect 1 task-library class: call Great Expectations directly in a @task";

        var explained = BehaviourComparer.Compare(Module(instance), Module(), [Todo]);
        var otherClass = BehaviourComparer.Compare(Module(instance with { Class = "RunNotebook" }), Module(), [Todo]);

        Assert.Equal(Todo, Assert.Single(explained).ExplainedBy);
        Assert.True(Assert.Single(otherClass).IsFailure);
    }

    [Fact]
    public void Should_Only_Let_A_Todo_Explain_A_Setting_Its_Rule_May_Change()
    {
        var before = Module(Task("load", ("resources.memory.limit", "4Gi")));
        var after = Module(Task("load"));
        const string Todo = "load: the memory limit (4Gi) cannot be expressed";

        var fromTriggers = BehaviourComparer.Compare(before, after, ["FLY401: " + Todo], (rule, _) => rule != "FLY401");
        var fromEnvironment = BehaviourComparer.Compare(before, after, ["FLY101: " + Todo], (rule, _) => rule != "FLY401");

        Assert.True(Assert.Single(fromTriggers).IsFailure);
        Assert.Equal("FLY101: " + Todo, Assert.Single(fromEnvironment).ExplainedBy);
    }

    [Fact]
    public void Should_Let_The_Unscheduled_Launch_Plan_Todo_Explain_Its_Dropped_Default_Inputs()
    {
        // flytesnacks subworkflow.py: FLY401's TODO said "has no Flyte 2 object", which no difference word matched.
        var before = Module(new DeclaredEntity("workflow", "regression_line_wf", "regression_line_wf",
            new Dictionary<string, string> { ["launch_plan[regression_line_workflow].inputs"] = "{val: 7, x: [-3, 0, 3], y: [7, 4, -2]}" }));
        var after = Module(new DeclaredEntity("workflow", "regression_line_wf", "regression_line_wf", new Dictionary<string, string>()));
        const string Todo = "FLY401: a launch plan without a schedule has no equivalent in Flyte 2, so its default inputs are dropped: "
            + "put them in the task signature or launch with flyte.with_runcontext(...).run(task, **inputs)";

        var results = BehaviourComparer.Compare(before, after, [Todo]);

        Assert.Equal(Todo, Assert.Single(results).ExplainedBy);
    }
}
