using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>A small repository of Flyte 1 and Prefect 1 flows in every state, and the steps of the Flyte one, for state and screen tests.</summary>
internal static class FakeRepository
{
    public const string EtlFile = "flyte_flows/etl_pipeline.py";

    public static IReadOnlyList<FlowStatus> Flows { get; } =
    [
        new("flyte_flows/etl_pipeline.py::daily_etl", "daily_etl", "Flyte1", EtlFile, 5, FlowState.NotStarted, null, 6, null, 0),
        new("flyte_flows/etl_pipeline.py::daily_etl_6am", "daily_etl_6am", "Flyte1", EtlFile, 0, FlowState.NotStarted, null, 6, null, 0),
        new("flyte_flows/training.py::train_model", "train_model", "Flyte1", "flyte_flows/training.py", 4, FlowState.InProgress, 3, 6, "flowmigrate/train-model", 2),
        new("flyte_flows/reporting.py::weekly_kpis", "weekly_kpis", "Flyte1", "flyte_flows/reporting.py", 3, FlowState.Committed, null, 6, "flowmigrate/weekly-kpis", 1),
        new("prefect_flows/daily_sales.py::daily-sales", "daily-sales", "Prefect1", "prefect_flows/daily_sales.py", 4, FlowState.Merged, null, 5, null, 0),
        new("prefect_flows/inventory_sync.py::inventory-sync", "inventory-sync", "Prefect1", "prefect_flows/inventory_sync.py", 3, FlowState.Skipped, null, 5, null, 0),
        new("prefect_flows/weekly_report.py::weekly-report", "weekly-report", "Prefect1", "prefect_flows/weekly_report.py", 2, FlowState.MigratedOutside, null, 5, null, 0),
    ];

    public static RepositoryHeader Header { get; } = new("/home/dev/acme-flows", "main", ["flyte1", "prefect1"], "prefect3", "side-by-side") { SupportsRuleWide = true, SupportsTargetChange = true };

    public static string EtlSource { get; } = string.Join('\n',
    [
        "import os",
        "from datetime import datetime",
        "",
        "from flytekit import CronSchedule, LaunchPlan, Resources, task, workflow",
        "",
        "from flyte_flows.common.tasks import clean_rows, load_table",
        "",
        "",
        "@task(requests=Resources(cpu=\"500m\", mem=\"1Gi\"))",
        "def dedupe_orders(rows: list) -> list:",
        "    latest = {}",
        "    for row in rows:",
        "        latest[row[\"id\"]] = row",
        "    return list(latest.values())",
        "",
        "",
        "@task(retries=3)",
        "def publish_summary(summary: dict, run_date: datetime) -> str:",
        "    target = os.path.join(\"/mnt/lake/marts\", f\"{run_date:%Y-%m-%d}.json\")",
        "    return target",
        "",
        "",
        "@workflow",
        "def daily_etl(run_date: datetime, table: str = \"orders\") -> str:",
        "    raw = load_table(table=table, run_date=run_date)",
        "    cleaned = clean_rows(rows=raw)",
        "    unique = dedupe_orders(rows=cleaned)",
        "    return publish_summary(summary=unique, run_date=run_date)",
        "",
        "",
        "daily_etl_lp = LaunchPlan.get_or_create(",
        "    workflow=daily_etl,",
        "    name=\"daily_etl_6am\",",
        "    schedule=CronSchedule(schedule=\"0 6 * * *\", kickoff_time_input_arg=\"run_date\"),",
        ")",
        "",
    ]);

    public static IReadOnlyList<FakeStep> EtlSteps { get; } =
    [
        new(new MigrationStep("environment", "Environment", "task config → TaskEnvironment"),
        [
            new(EtlFile, 4, "import flyte", "FLY001", Safety.Safe, "flytekit imports → flyte"),
            new(EtlFile, 5, "env = flyte.TaskEnvironment(name=\"etl_pipeline\", resources=flyte.Resources(cpu=\"500m\", memory=\"1Gi\"))", "FLY010", Safety.Review, "Resources(requests=…) move to the TaskEnvironment"),
        ]),
        new(new MigrationStep("decorators", "Decorators", "@task/@workflow → env.task"),
        [
            new(EtlFile, 9, "@env.task", "FLY020", Safety.Safe, "@task → @env.task"),
            new(EtlFile, 17, "@env.task  # TODO(flowmigrate FLY021): retries=3", "FLY021", Safety.Review, "retries move to the environment or the call")
            {
                Todo = new TodoItem("FLY021", EtlFile, 17, "retries=3 has no per-task equivalent; set it on the environment"),
            },
            new(EtlFile, 23, "@env.task", "FLY022", Safety.Safe, "@workflow → @env.task (Flyte 2 workflows are tasks)"),
        ]),
        new(new MigrationStep("control-flow", "Control flow", "map, conditional, dynamic, subworkflows"), []),
        new(new MigrationStep("triggers", "Triggers", "launch plans and schedules"),
        [
            new(EtlFile, 31, "daily_etl_trigger = flyte.Trigger(", "FLY040", Safety.Review, "LaunchPlan with a schedule → flyte.Trigger (inactive until cutover)")
            {
                Todo = new TodoItem("FLY040", EtlFile, 31, "activate the trigger at cutover, then retire daily_etl_6am"),
            },
            new(EtlFile, 34, "    automation=flyte.Cron(\"0 6 * * *\"), auto_activate=False,", "FLY041", Safety.Review, "CronSchedule → flyte.Cron; kickoff_time_input_arg is implicit"),
        ]),
        new(new MigrationStep("images", "Images", "container images"), []),
        new(new MigrationStep("imports", "Imports and leftovers", "remove unused flytekit imports"),
        [
            new(EtlFile, 6, "from flyte_flows_v2.common.tasks import clean_rows, load_table", "FLY090", Safety.Safe, "import the side-by-side copy of the shared tasks"),
        ]),
    ];

    public static FakeWizard Wizard(FlowStatus flow) => new(flow, new Dictionary<string, string> { [EtlFile] = EtlSource }, EtlSteps);

    public static FakeSession Session() => new(Flows);

    public static TuiState Overview(TerminalSize? size = null) => new TuiState { Size = size ?? TerminalSize.Minimum } with
    {
        Overview = new OverviewState { Repository = Header }.WithFlows(Flows),
    };

    /// <summary>The overview with daily_etl opened in the wizard (on its first step).</summary>
    public static (TuiState State, FakeWizard Wizard) Opened(TerminalSize? size = null)
    {
        var wizard = Wizard(Flows[0] with { State = FlowState.InProgress, Branch = "flowmigrate/daily-etl" });
        var state = Overview(size);
        var next = TuiUpdate.Apply(state, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard))).State;
        return (next, wizard);
    }
}
