using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>Hand-made before/after pairs in Pairs/: a correct conversion, and one that lost or changed settings.</summary>
public sealed class BehaviourCheckerTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly string s_pairs = Path.Combine(RepositoryLayout.Root, "tests", "Assistant.Core.Tests", "Python", "Checks", "Pairs");

    private readonly BehaviourChecker _checker = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    private static BehaviourSide FlyteBefore => new(s_pairs, "flyte_pair/before.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);

    private static BehaviourSide PrefectBefore => new(s_pairs, "prefect_pair/before.py", [CheckWorkspace.Manifest("prefect1", CheckSide.Old)]);

    private static BehaviourSide Flyte2(string file) => new(s_pairs, "flyte_pair/" + file, [CheckWorkspace.Manifest("flyte")]);

    private static BehaviourSide Prefect3(string file) => new(s_pairs, "prefect_pair/" + file, [CheckWorkspace.Manifest("prefect3")]);

    [Fact]
    public async Task Should_Read_What_A_Flyte1_Module_Declares()
    {
        var declarations = await _checker.DeclarationsAsync(FlyteBefore);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        var load = declarations.Entities.Single(e => e.Name == "load");
        Assert.Equal("4Gi", load.Settings["resources.memory.limit"]);
        Assert.Equal("2Gi", load.Settings["resources.memory.request"]);
        Assert.Equal("1.2", load.Settings["cache.version"]);
        Assert.Equal("600", load.Settings["timeout"]);
        Assert.Equal("[db:pw]", load.Settings["secrets"]);
        Assert.Equal("[flyteplugins-spark, pandas]", load.Settings["image.pip_packages"]);
        Assert.Equal("3.11", load.Settings["image.python"]);
        var daily = declarations.Entities.Single(e => e.Name == "daily");
        Assert.Equal("workflow", daily.Kind);
        Assert.Equal("cron 0 6 * * *", daily.Settings["trigger[daily_6am].schedule"]);
        Assert.Equal("{n: 5, run_date: <trigger time>}", daily.Settings["trigger[daily_6am].inputs"]);
    }

    [Fact]
    public async Task Should_Find_No_Unexplained_Difference_In_A_Correct_Flyte_Conversion()
    {
        var report = await _checker.CompareAsync(FlyteBefore, Flyte2("after.py"));

        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.Contains(report.Settings, s => s is { Entity: "load", Setting: "resources.memory.limit", Status: SettingStatus.Preserved, After: "4Gi" });
        Assert.Contains(report.Settings, s => s is { Entity: "daily", Setting: "trigger[daily_6am].schedule", Status: SettingStatus.Preserved });
        Assert.Contains(report.Settings, s => s is { Entity: "load", Setting: "environment", Status: SettingStatus.Added, After: "etl" });
        Assert.Equal(
            ["image.apt_packages", "image.env_vars", "image.name", "image.pip_packages", "image.python", "image.registry"],
            report.Settings.Where(s => s is { Entity: "report", Status: SettingStatus.Preserved } && s.Setting.StartsWith("image", StringComparison.Ordinal)).Select(s => s.Setting));
    }

    [Fact]
    public async Task Should_Catch_A_Lowered_Resource_Limit_And_A_Changed_Cron_Expression()
    {
        var report = await _checker.CompareAsync(FlyteBefore, Flyte2("after_regressed.py"));

        // The new scalar memory="2Gi" is a request the pod also gets as its limit: the 4Gi limit became 2Gi.
        Assert.False(report.Passed);
        Assert.Equal(
            ["daily: trigger[daily_6am].schedule changed: cron 0 6 * * * → cron 0 7 * * *", "load: resources.memory.limit changed: 4Gi → 2Gi"],
            report.Failures.Select(f => f.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_Compare_Resources_As_The_Pod_Gets_Them_And_Cache_Settings_Only_When_Caching()
    {
        var before = new BehaviourSide(s_pairs, "flyte_limits/before.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);

        var report = await _checker.CompareAsync(before, new BehaviourSide(s_pairs, "flyte_limits/after.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.True(report.Passed, string.Join("\n", report.Failures));
        var fit = report.Before.Entities.Single(e => e.Name == "fit");
        Assert.Equal(("200Mi", "200Mi", "2", "2"), (fit.Settings["resources.memory.request"], fit.Settings["resources.memory.limit"], fit.Settings["resources.cpu.request"], fit.Settings["resources.cpu.limit"]));
        Assert.DoesNotContain(fit.Settings.Keys, k => k.StartsWith("cache", StringComparison.Ordinal));
        Assert.Contains(report.Settings, s => s is { Entity: "fit", Setting: "resources.memory.limit", Status: SettingStatus.Preserved, After: "200Mi" });
        Assert.Contains(report.Settings, s => s is { Entity: "score", Setting: "resources.memory.limit", Status: SettingStatus.Preserved, After: "1Gi" });
        Assert.Contains(report.Settings, s => s is { Entity: "score", Setting: "cache.version", Status: SettingStatus.Preserved, After: "3" });
    }

    [Fact]
    public async Task Should_Catch_Resources_That_Differ_Once_The_Pod_Gets_Them()
    {
        var before = new BehaviourSide(s_pairs, "flyte_limits/before.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);

        var report = await _checker.CompareAsync(before, new BehaviourSide(s_pairs, "flyte_limits/after_regressed.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.Equal(
            ["fit: resources.memory.limit changed: 200Mi → 100Mi", "fit: resources.memory.request changed: 200Mi → 100Mi", "score: resources.memory.limit changed: 1Gi → 2Gi"],
            report.Failures.Select(f => f.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_Compare_An_Image_Built_On_Another_Spec_As_The_Whole_Image_And_Plugins_Without_Flytekit_Pins()
    {
        var before = new BehaviourSide(s_pairs, "flyte_images/before.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);

        var report = await _checker.CompareAsync(before, new BehaviourSide(s_pairs, "flyte_images/after.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.True(report.Passed, string.Join("\n", report.Failures));
        var nested = report.Before.Entities.Single(e => e.Name == "nested").Settings;
        Assert.Equal(("[numpy, pandas]", "[git]", "{INNER: true, OUTER: true}"), (nested["image.pip_packages"], nested["image.apt_packages"], nested["image.env_vars"]));
        Assert.Equal("[flyteplugins-spark, pyspark]", report.Before.Entities.Single(e => e.Name == "spark").Settings["image.pip_packages"]);
    }

    [Fact]
    public async Task Should_Catch_A_Package_Of_The_Base_Spec_Missing_From_The_Image()
    {
        var before = new BehaviourSide(s_pairs, "flyte_images/before.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]);

        var report = await _checker.CompareAsync(before, new BehaviourSide(s_pairs, "flyte_images/after_regressed.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.Equal(["nested: image.pip_packages changed: [numpy, pandas] → [pandas]"], report.Failures.Select(f => f.ToString()));
    }

    [Fact]
    public async Task Should_Load_Old_Code_Written_For_Another_Prefect_1_Release_And_Unpack_A_Task_With_Nout()
    {
        // Given Prefect 0.15 code: Flow(environment=...), which the 1.x manifest lacks, `a, b = task()` with nout=2, and a
        // datetime in a pytz time zone (pytz need not be installed where the check runs)
        var before = new BehaviourSide(s_pairs, "prefect_zero_fifteen/before.py", [CheckWorkspace.Manifest("prefect1", CheckSide.Old)]);

        // When it is compared with its Prefect 3 conversion
        var report = await _checker.CompareAsync(before, new BehaviourSide(s_pairs, "prefect_zero_fifteen/after.py", [CheckWorkspace.Manifest("prefect3")]));

        // Then the old module loads and declares the flow and both tasks, which the conversion keeps
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.Equal(["credentials", "dump", "dump"], report.Before.Entities.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("2", report.Before.Entities.Single(e => e.Kind == "task" && e.Name == "dump").Settings["retries"]);
    }

    [Fact]
    public async Task Should_Accept_A_Difference_That_A_Todo_Explains()
    {
        var todos = new[] { "FLY031: load: the memory limit (4Gi) cannot be expressed; Flyte 2 sends a scalar as the request only" };

        var report = await _checker.CompareAsync(FlyteBefore, Flyte2("after_regressed.py"), todos);

        var limit = report.Settings.Single(s => s is { Entity: "load", Setting: "resources.memory.limit" });
        Assert.Equal(SettingStatus.Changed, limit.Status);
        Assert.Equal(todos[0], limit.ExplainedBy);
        Assert.Equal("trigger[daily_6am].schedule", Assert.Single(report.Failures).Setting);
    }

    [Fact]
    public async Task Should_Find_No_Unexplained_Difference_In_A_Correct_Prefect_Conversion()
    {
        var report = await _checker.CompareAsync(PrefectBefore, Prefect3("after.py"));

        Assert.True(report.Passed, string.Join("\n", report.Failures));
        var flow = report.After.Entities.Single(e => e.Kind == "flow");
        Assert.Equal("ingest: daily", flow.Name);
        Assert.Equal("threads workers=4", flow.Settings["task_runner"]);
        Assert.Equal("raw", flow.Settings["parameter[bucket_name].default"]);
        Assert.Equal("True", flow.Settings["parameter[prefix].required"]);
        Assert.Equal("cron 0 6 * * *", flow.Settings["schedule[0]"]);
    }

    [Fact]
    public async Task Should_Catch_A_Changed_Schedule_And_A_Dropped_Task_Timeout_In_Prefect()
    {
        var report = await _checker.CompareAsync(PrefectBefore, Prefect3("after_regressed.py"));

        Assert.Equal(
            ["ingest: daily: schedule[0] changed: cron 0 6 * * * → cron 30 6 * * *", "load: timeout dropped (was 600)"],
            report.Failures.Select(f => f.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_Compare_A_New_Module_Given_As_Text_With_Its_Todos()
    {
        var text = File.ReadAllText(Path.Combine(s_pairs, "flyte_pair", "after_regressed.py"))
            .Replace("import flyte\n", "import flyte\n\n# TODO(flowmigrate FLY040): daily_6am: the cron schedule changed to 07:00 for the new cluster's quota\n", StringComparison.Ordinal);
        var after = Flyte2("in_memory.py") with { Files = new Dictionary<string, string> { ["flyte_pair/in_memory.py"] = text } };

        var report = await _checker.CompareAsync(FlyteBefore, after);

        var schedule = report.Settings.Single(s => s.Setting == "trigger[daily_6am].schedule");
        Assert.Equal(SettingStatus.Changed, schedule.Status);
        Assert.StartsWith("FLY040: daily_6am", schedule.ExplainedBy);
        Assert.Equal("resources.memory.limit", Assert.Single(report.Failures).Setting);
    }

    [Fact]
    public async Task Should_Read_A_Prefect1_Flow_That_Adds_Its_Parameters_With_An_Operator()
    {
        // v1 Tasks overload operators (each builds a task): `x + y` on two Parameters must not stop the old module.
        const string text = "from prefect import Flow, Parameter, task\n\n\n@task\ndef total(x, y, z):\n    print(x, y, z)\n\n\n"
            + "with Flow(\"sums\") as flow:\n    x = Parameter(\"x\", default=1)\n    y = Parameter(\"y\", default=2)\n    total(x, y, x + y)\n    total(x, y, x * 2 > y)\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/operators.py", Files = new Dictionary<string, string> { ["prefect_pair/operators.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        var flow = declarations.Entities.Single(e => e.Name == "sums");
        Assert.Equal("1", flow.Settings["parameter[x].default"]);
        Assert.Equal("2", flow.Settings["parameter[y].default"]);
    }

    [Fact]
    public async Task Should_Load_An_Old_Module_That_Configures_A_Package_Not_Installed_And_Appends_A_Flow_State_Handler()
    {
        // prefeitura-rio/pipelines: `fiona.supported_drivers["KML"] = "rw"` (fiona is not installed where the check runs), and
        // `flow.state_handlers.append(...)` on a flow built without state handlers (v1 keeps `state_handlers or []`)
        const string text = "import fiona\nfrom prefect import Flow, task\n\nfiona.supported_drivers[\"KML\"] = \"rw\"\ndel fiona.supported_drivers[\"KML\"]\n\n\n"
            + "def skip_if_running(flow, old_state, new_state):\n    return new_state\n\n\n@task(max_retries=2)\ndef capture():\n    print(\"capturing\")\n\n\n"
            + "with Flow(\"capture\") as flow:\n    capture()\n\nflow.state_handlers.append(skip_if_running)\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/configured.py", Files = new Dictionary<string, string> { ["prefect_pair/configured.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal(["capture", "capture"], declarations.Entities.Select(e => e.Name));
        Assert.Equal("2", declarations.Entities.Single(e => e.Kind == "task").Settings["retries"]);
    }

    [Fact]
    public async Task Should_Load_An_Old_Module_That_Copies_A_Flow_And_Runs_A_Task_Function_At_Module_Level()
    {
        // prefeitura-rio/pipelines: a flow template copied with deepcopy (it holds objects of a package not installed here) and
        // a task's run() called for a parameter default (v1's FunctionTask runs the function)
        const string text = "from copy import deepcopy\n\nimport fiona\nfrom prefect import Flow, task\n\n\n@task\ndef previous_date(days):\n    return f\"-{days}d\"\n\n\n"
            + "with Flow(\"capture\") as flow:\n    previous_date(fiona.days)\n\nDEFAULTS = {\"date\": previous_date.run(1)}\nassert DEFAULTS[\"date\"] == \"-1d\"\n"
            + "capture_copy = deepcopy(flow)\ncapture_copy.name = \"capture copy\"\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/template.py", Files = new Dictionary<string, string> { ["prefect_pair/template.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        // v1 registered the copy as a flow of its own, under the name the module gave it
        Assert.Equal([("capture", "flow"), ("capture copy", "capture_copy")],
            declarations.Entities.Where(e => e.Kind == "flow").Select(e => (e.Name, e.Variable)).Order());
    }

    [Fact]
    public async Task Should_Run_A_Prefect3_Tasks_Function_Called_Through_Fn_At_Module_Level()
    {
        // prefeitura-rio/pipelines: v1's `Parameter("end_date", default=get_previous_date.run(1))` became a default of
        // `get_previous_date.fn(1)`; Task.fn is the function in 2/3, so the default is the value v1 computed, not a placeholder
        const string text = "from prefect import flow, task\n\n\n@task\ndef previous_date(days):\n    return f\"-{days}d\"\n\n\n"
            + "@flow(name=\"capture\")\ndef capture(date=previous_date.fn(1)):\n    print(date)\n";
        var after = Prefect3("after.py") with { ModulePath = "prefect_pair/previous_date.py", Files = new Dictionary<string, string> { ["prefect_pair/previous_date.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(after);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal("-1d", declarations.Entities.Single(e => e.Name == "capture").Settings["parameter[date].default"]);
    }

    [Fact]
    public async Task Should_Load_An_Old_Flow_That_Maps_The_Flow_Run_Tasks_Of_The_Task_Library()
    {
        // create_flow_run and wait_for_flow_run are @task functions in v1: a flow of flows maps them (prefeitura-rio/pipelines)
        const string text = "from prefect import Flow, Parameter, unmapped\nfrom prefect.tasks.prefect import create_flow_run, wait_for_flow_run\n\n"
            + "with Flow(\"parent\") as flow:\n    tables = Parameter(\"tables\", default=[\"a\", \"b\"])\n"
            + "    runs = create_flow_run.map(flow_name=unmapped(\"child\"), parameters=tables)\n"
            + "    wait_for_flow_run.map(runs, stream_logs=unmapped(True))\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/parent.py", Files = new Dictionary<string, string> { ["prefect_pair/parent.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal("[a, b]", declarations.Entities.Single(e => e.Name == "parent").Settings["parameter[tables].default"]);
    }

    [Fact]
    public async Task Should_Keep_What_An_Old_Module_Declared_Before_A_Trailing_Assert_On_A_Flow_Runs_Result()
    {
        // Prefect 1's examples check a run's result at module level; the stand-ins cannot produce 12.
        const string text = "from prefect import Flow, Parameter, task\n\n\n@task(tags=[\"math\"])\ndef double(x):\n    return 2 * x\n\n\n"
            + "with Flow(\"doubling\") as flow:\n    x = Parameter(\"x\", default=6)\n    result = double(x)\n\n"
            + "state = flow.run()\nassert state.result[result].result == 12\nprint(\"done\")\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/run_check.py", Files = new Dictionary<string, string> { ["prefect_pair/run_check.py"] = text } };

        var strict = await _checker.DeclarationsAsync(before);
        var kept = await _checker.DeclarationsAsync(before with { KeepsDeclarationsBeforeAFailure = true });

        Assert.False(strict.Loaded);
        Assert.True(kept.Loaded, kept.Error?.ToString());
        Assert.Equal("6", kept.Entities.Single(e => e.Name == "doubling").Settings["parameter[x].default"]);
        Assert.Equal("[math]", kept.Entities.Single(e => e.Name == "double").Settings["tags"]);
        Assert.Equal(("AssertionError", 14), (kept.StoppedAt?.Type, kept.StoppedAt?.Line));
    }

    [Fact]
    public async Task Should_Not_Keep_Declarations_When_A_Statement_After_The_Failure_Could_Declare_More()
    {
        const string text = "from prefect import Flow, Parameter\n\n"
            + "with Flow(\"first\") as flow:\n    x = Parameter(\"x\", default=6)\n\n"
            + "state = flow.run()\nassert state.result[x].result == 6\n\nwith Flow(\"second\") as other:\n    y = Parameter(\"y\")\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/run_check2.py", Files = new Dictionary<string, string> { ["prefect_pair/run_check2.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before with { KeepsDeclarationsBeforeAFailure = true });

        Assert.False(declarations.Loaded);
        Assert.Equal("AssertionError", declarations.Error?.Type);
        Assert.Null(declarations.StoppedAt);
    }

    [Fact]
    public async Task Should_Bind_Parameters_Passed_Unmapped_To_A_Task_Library_Class_The_Manifest_Does_Not_List()
    {
        // WriteAirtableRow (prefect.tasks.airtable) is not in the manifest: its .map(...) in the flow still binds the Parameters.
        const string text = "from prefect import Flow, Parameter, task, unmapped\nfrom prefect.tasks.airtable import WriteAirtableRow\n\n"
            + "user = Parameter(\"user\")\nbase = Parameter(\"base\")\ntable = Parameter(\"table\", default=\"replies\")\n\n\n"
            + "@task\ndef load(user):\n    return [user]\n\n\n"
            + "with Flow(\"airtable\") as flow:\n    rows = load(user)\n    WriteAirtableRow().map(rows, base_key=unmapped(base), table_name=unmapped(table))\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/airtable.py", Files = new Dictionary<string, string> { ["prefect_pair/airtable.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        var flow = declarations.Entities.Single(e => e.Name == "airtable");
        Assert.Equal(["parameter[base].required", "parameter[table].default", "parameter[table].required", "parameter[user].required"],
            flow.Settings.Keys.Where(k => k.StartsWith("parameter[", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal("replies", flow.Settings["parameter[table].default"]);
    }

    [Fact]
    public async Task Should_Read_A_Prefect1_Task_Instance_Named_After_Its_Class_As_Task_Init_Names_It()
    {
        const string text = "from prefect import Flow\nfrom prefect.tasks.docker import CreateContainer, StartContainer\n\n"
            + "container = CreateContainer(image_name=\"python\")\nstart = StartContainer(name=\"begin\")\n\n"
            + "with Flow(\"docker\") as flow:\n    start(container_id=container())\n";
        var before = PrefectBefore with { ModulePath = "prefect_pair/docker.py", Files = new Dictionary<string, string> { ["prefect_pair/docker.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(before);

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        var container = declarations.Entities.Single(e => e.Name == "container");
        var start = declarations.Entities.Single(e => e.Name == "start");
        Assert.Equal(("CreateContainer", "CreateContainer"), (container.Settings["name"], container.Class));
        Assert.Equal(("begin", "StartContainer"), (start.Settings["name"], start.Class));
    }

    [Fact]
    public async Task Should_Keep_Python_Operator_Errors_For_Stand_Ins_Of_Other_Frameworks()
    {
        const string text = "import flyte\n\nenv = flyte.TaskEnvironment(name=\"etl\")\ntotal = env + env\n";
        var after = Flyte2("operators.py") with { Files = new Dictionary<string, string> { ["flyte_pair/operators.py"] = text } };

        var declarations = await _checker.DeclarationsAsync(after);

        Assert.False(declarations.Loaded);
        Assert.Contains("unsupported operand", declarations.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Compare_An_Unscheduled_Launch_Plan_With_The_Partial_That_Replaces_It_By_Variable()
    {
        const string Old = "from flytekit import LaunchPlan, task, workflow\n\n\n@task\ndef add(x: int, y: int) -> int:\n    return x + y\n\n\n"
            + "@workflow\ndef total(x: int, y: int) -> int:\n    return add(x=x, y=y)\n\n\n"
            + "plan = LaunchPlan.get_or_create(total, \"named_plan\", default_inputs={\"x\": 1, \"y\": 2})\n";
        const string New = "import functools\n\nimport flyte\n\nenv = flyte.TaskEnvironment(name=\"m\")\n\n\n@env.task\ndef add(x: int, y: int) -> int:\n    return x + y\n\n\n"
            + "@env.task\ndef total(x: int, y: int) -> int:\n    return add(x=x, y=y)\n\n\nplan = functools.partial(total, x=1, y={0})\n";
        var before = new BehaviourSide(s_pairs, "flyte_pair/lp_old.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]) { Files = new Dictionary<string, string> { ["flyte_pair/lp_old.py"] = Old } };
        BehaviourSide After(string y) => Flyte2("lp_new.py") with { Files = new Dictionary<string, string> { ["flyte_pair/lp_new.py"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, New, y) } };

        var kept = await _checker.CompareAsync(before, After("2"));
        var changed = await _checker.CompareAsync(before, After("3"));

        Assert.Contains(kept.Settings, s => s is { Entity: "total", Setting: "launch_plan[plan].inputs", Status: SettingStatus.Preserved, After: "{x: 1, y: 2}" });
        Assert.Contains(changed.Settings, s => s is { Entity: "total", Setting: "launch_plan[plan].inputs", Status: SettingStatus.Changed, After: "{x: 1, y: 3}" });
    }

    [Fact]
    public async Task Should_Read_Prefect_Schedules_From_The_Flows_Deployment_File()
    {
        var after = Prefect3("after_yaml.py") with { DeploymentFiles = ["prefect_pair/deployments/ingest.prefect.yaml"] };

        var report = await _checker.CompareAsync(PrefectBefore, after);

        Assert.Contains(report.Settings, s => s is { Entity: "ingest: daily", Setting: "schedule[0]", Status: SettingStatus.Preserved, After: "cron 0 6 * * *" });
        Assert.Contains(report.Settings, s => s is { Setting: "schedule[0].parameters", Status: SettingStatus.Added, After: "{bucket_name: raw}" });
        Assert.True(report.Passed, string.Join("\n", report.Failures));
    }

    [Fact]
    public async Task Should_Report_A_Schedule_Missing_From_Code_And_Deployment_Files_As_Dropped()
    {
        var report = await _checker.CompareAsync(PrefectBefore, Prefect3("after_yaml.py"));

        Assert.Equal("ingest: daily: schedule[0] dropped (was cron 0 6 * * *)", Assert.Single(report.Failures).ToString());
    }

    [Fact]
    public async Task Should_Read_An_Old_Module_That_Uses_Names_Its_Manifest_Does_Not_List()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("flows/old.py", """
            from flytekit import task, NotInTheManifest
            from flytekit.core.not_a_listed_module import Helper

            @task(retries=2)
            def load(n: int) -> int:
                return n
            """);

        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(workspace.Root, "flows/old.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]));

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal("2", declarations.Entities.Single().Settings["retries"]);
        Assert.Equal(["flytekit.NotInTheManifest", "flytekit.core.not_a_listed_module"], declarations.Warnings.Select(w => w.Module).Order(StringComparer.Ordinal));
        Assert.All(declarations.Warnings, w => Assert.Equal("not_in_manifest", w.Kind));
    }

    [Fact]
    public async Task Should_Read_A_Config_Resolved_Flytekit_Image_As_The_Flyte2_Image_Reference_Of_The_Same_Name()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("old/jobs.py", """
            from flytekit import task

            @task(container_image="{{.image.mindmeld.fqn}}:{{.image.mindmeld.version}}")
            def load() -> int:
                return 1
            """);
        workspace.Write("new/jobs.py", """
            import flyte

            env = flyte.TaskEnvironment(name="jobs", image=flyte.Image.from_ref_name("mindmeld"))

            @env.task
            def load() -> int:
                return 1
            """);

        var report = await _checker.CompareAsync(
            new BehaviourSide(Path.Combine(workspace.Root, "old"), "jobs.py", [CheckWorkspace.Manifest("flytekit", CheckSide.Old)]),
            new BehaviourSide(Path.Combine(workspace.Root, "new"), "jobs.py", [CheckWorkspace.Manifest("flyte")]));

        Assert.Contains(report.Settings, s => s is { Entity: "load", Setting: "image.ref", Status: SettingStatus.Preserved, Before: "mindmeld" });
        Assert.True(report.Passed, string.Join("\n", report.Failures));
    }

    [Fact]
    public async Task Should_Load_Converted_Code_That_Still_Imports_The_Old_Framework_When_Asked_And_Say_Which_Imports()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("jobs.py", """
            import flyte
            from flytekit.extras.tasks.shell import ShellTask
            from flytekit.types.structured.structured_dataset import StructuredDatasetEncoder

            class NumpyHandler(StructuredDatasetEncoder):
                pass

            handler = NumpyHandler(list, None, "parquet")
            env = flyte.TaskEnvironment(name="jobs")

            @env.task(retries=2)
            def load() -> int:
                return 1
            """);
        var side = new BehaviourSide(workspace.Root, "jobs.py", [CheckWorkspace.Manifest("flyte")]);

        var strict = await _checker.DeclarationsAsync(side);
        var lenient = await _checker.DeclarationsAsync(side with { StubbedLeftovers = ["flytekit", "flytekitplugins"] });

        Assert.False(strict.Loaded);
        Assert.True(lenient.Loaded, lenient.Error?.ToString());
        Assert.Equal("2", lenient.Entities.Single().Settings["retries"]);
        Assert.Equal("flytekit", Assert.Single(lenient.Warnings, w => w.Kind == "leftover_framework").Module);
    }

    [Fact]
    public async Task Should_Answer_Unchanged_Declarations_From_The_Cache()
    {
        using var workspace = new CheckWorkspace();
        workspace.Write("flows/__init__.py", string.Empty);
        workspace.Write("flows/settings.py", "RETRIES = 2\n");
        workspace.Write("flows/etl.py", "import flyte\nfrom flows.settings import RETRIES\n\nenv = flyte.TaskEnvironment(name='etl')\n\n@env.task(retries=RETRIES)\ndef load() -> int:\n    return 1\n");
        var side = new BehaviourSide(workspace.Root, "flows/etl.py", [CheckWorkspace.Manifest("flyte")]);

        var first = await _checker.DeclarationsAsync(side);
        var second = await _checker.DeclarationsAsync(side);
        workspace.Write("flows/settings.py", "RETRIES = 5\n");
        var third = await _checker.DeclarationsAsync(side);

        Assert.Same(first, second);
        Assert.Equal("2", first.Entities.Single().Settings["retries"]);
        Assert.Equal("5", third.Entities.Single().Settings["retries"]);
    }
}

