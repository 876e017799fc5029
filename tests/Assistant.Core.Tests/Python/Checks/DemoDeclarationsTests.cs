using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>The demo repository's Flyte 1 and Prefect 1 modules load with the old-side stand-ins and declare what EXPECTED_FLOWS.md lists.</summary>
public sealed class DemoDeclarationsTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private readonly BehaviourChecker _checker = new(shared.Worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData("flyte_flows/etl_pipeline.py", "flytekit", "task dedupe_orders, task publish_summary, task summarize_revenue, workflow daily_etl")]
    [InlineData("flyte_flows/training.py", "flytekit", "dynamic sweep_hyperparameters, task average_scores, task build_features, task make_folds, task pick_best, task promote, task skip_promotion, task train_fold, task train_model, workflow churn_training")]
    [InlineData("flyte_flows/reporting.py", "flytekit", "task archive_report, task fetch_kpis, task notify_channel, task render_chart, workflow build_report, workflow hourly_report")]
    [InlineData("flyte_flows/common/tasks.py", "flytekit", "task clean_rows, task load_table")]
    [InlineData("prefect_flows/daily_sales.py", "prefect1", "flow daily-sales, task is_weekend, task list_sources, task normalize_sales, task post_to_slack, task resolve_day, task store_total, task weekday_summary, task weekend_summary")]
    [InlineData("prefect_flows/inventory_sync.py", "prefect1", "flow inventory-sync, task acquire_sync_lock, task diff_against_erp, task fetch_stock_levels, task push_updates, task refresh_search_index")]
    [InlineData("prefect_flows/weekly_report.py", "prefect1", "flow weekly-report, task build_weekly_table, task email_report, task to_usd, task week_start")]
    public async Task Should_Load_Every_Demo_Module_With_The_Old_Side_StandIns(string module, string framework, string expected)
    {
        var declarations = await _checker.DeclarationsAsync(new BehaviourSide(RepositoryLayout.Demo, module, [CheckWorkspace.Manifest(framework, CheckSide.Old)]));

        Assert.True(declarations.Loaded, declarations.Error?.ToString());
        Assert.Equal(expected, string.Join(", ", declarations.Entities.Select(e => $"{e.Kind} {e.Name}").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Should_Read_The_Demos_Schedules_Resources_And_Parameters()
    {
        var etl = await Declarations("flyte_flows/etl_pipeline.py", "flytekit");
        var training = await Declarations("flyte_flows/training.py", "flytekit");
        var reporting = await Declarations("flyte_flows/reporting.py", "flytekit");
        var weekly = await Declarations("prefect_flows/weekly_report.py", "prefect1");
        var sales = await Declarations("prefect_flows/daily_sales.py", "prefect1");

        Assert.Equal("{run_date: <trigger time>, table: orders_eu}", Setting(etl, "daily_etl", "trigger[daily_etl_6am].inputs"));
        Assert.Equal("T4:1", Setting(training, "train_model", "resources.gpu.request"));
        Assert.Equal("every 60 min", Setting(reporting, "hourly_report", "trigger[hourly_kpi_report].schedule"));
        Assert.Equal("[matplotlib, pandas]", Setting(reporting, "fetch_kpis", "image.pip_packages"));
        Assert.Equal("{recipients: team@acme.io}", Setting(weekly, "weekly-report", "schedule[0].parameters"));
        Assert.Equal("True", Setting(weekly, "weekly-report", "parameter[recipients].required"));
        Assert.Equal("interval 3600", Setting(sales, "daily-sales", "schedule[0]"));
        Assert.Equal("threads", Setting(sales, "daily-sales", "task_runner"));
    }

    private Task<ModuleDeclarations> Declarations(string module, string framework) =>
        _checker.DeclarationsAsync(new BehaviourSide(RepositoryLayout.Demo, module, [CheckWorkspace.Manifest(framework, CheckSide.Old)]));

    private static string? Setting(ModuleDeclarations declarations, string entity, string key) =>
        declarations.Entities.Single(e => e.Name == entity).Settings.GetValueOrDefault(key);
}
