using Assistant.Core.Migration.Inventory;
using Assistant.Core.Python;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Inventory;

public sealed class InventoryBuilderTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Find_Every_Flow_Of_The_Demo_Repository_With_Its_Tasks()
    {
        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(RepositoryLayout.Demo);

        var flows = inventory.Flows.ToDictionary(f => f.Id, f => (f.Kind, Tasks: string.Join(",", f.Tasks.Select(t => t.Name))));
        Assert.Equal(
            new Dictionary<string, (FlowKind, string)>
            {
                ["flyte_flows/etl_pipeline.py::daily_etl"] = (FlowKind.Workflow, "load_table,clean_rows,dedupe_orders,summarize_revenue,publish_summary"),
                ["flyte_flows/etl_pipeline.py::daily_etl_6am"] = (FlowKind.LaunchPlan, ""),
                ["flyte_flows/reporting.py::build_report"] = (FlowKind.Workflow, "fetch_kpis,render_chart"),
                ["flyte_flows/reporting.py::hourly_report"] = (FlowKind.Workflow, "notify_channel,archive_report"),
                ["flyte_flows/reporting.py::hourly_kpi_report"] = (FlowKind.LaunchPlan, ""),
                ["flyte_flows/training.py::sweep_hyperparameters"] = (FlowKind.Dynamic, "train_model,pick_best"),
                ["flyte_flows/training.py::churn_training"] = (FlowKind.Workflow, "load_table,clean_rows,build_features,make_folds,train_fold,average_scores,promote,skip_promotion"),
                ["prefect_flows/daily_sales.py::daily-sales"] = (FlowKind.FlowBlock, "resolve_day,list_sources,extract,normalize_sales,store_total,is_weekend,weekend_summary,weekday_summary,post_to_slack"),
                ["prefect_flows/inventory_sync.py::inventory-sync"] = (FlowKind.FlowBlock, "acquire_sync_lock,fetch_stock_levels,extract,diff_against_erp,push_updates,refresh_search_index"),
                ["prefect_flows/weekly_report.py::weekly-report"] = (FlowKind.ImperativeFlow, "week_start,extract,to_usd,build_weekly_table,email_report"),
            },
            flows);
        Assert.Equal([Framework.Flyte1, Framework.Prefect1], inventory.Frameworks);
        Assert.Contains("flyte_flows/training.py::churn_training", inventory.Flows.Single(f => f.Name == "churn_training").Id);
        Assert.Equal(["flyte_flows/etl_pipeline.py::daily_etl"], inventory.Flows.Single(f => f.Name == "daily_etl_6am").Calls);
        Assert.Equal(["flyte_flows/reporting.py::build_report"], inventory.Flows.Single(f => f.Name == "hourly_report").Calls);
    }

    [Fact]
    public async Task Should_Count_The_Old_Framework_Modules_A_Flow_Imports_Among_Its_Files_But_Not_Plain_Ones_Or_Registries()
    {
        // Given a flow importing its Prefect 1 schedule (directly, and as a submodule of its package), a template flow's module, and plain constants
        using var repo = new TempDirectory();
        repo.Write("pipelines/__init__.py", "from pipelines.cor.flows import *\nfrom pipelines.templates.dump import *\n");
        repo.Write("pipelines/constants.py", "TABLE = \"radar\"\n");
        repo.Write("pipelines/templates/__init__.py", "");
        repo.Write("pipelines/templates/dump.py", "from prefect import Flow, task\n\n@task\ndef dump():\n    pass\n\nwith Flow(\"dump\") as dump_flow:\n    dump()\n");
        repo.Write("pipelines/cor/__init__.py", "");
        repo.Write("pipelines/cor/clocks.py", "from prefect.schedules.clocks import IntervalClock\n\nCLOCKS = [IntervalClock]\n");
        repo.Write("pipelines/cor/schedules.py", "from prefect.schedules import Schedule\n\nfrom .clocks import CLOCKS\n\nhourly = Schedule(clocks=CLOCKS)\n");
        repo.Write("pipelines/cor/flows.py",
            "from copy import deepcopy\n\nfrom prefect import Flow, task\n\nfrom pipelines import constants\nfrom pipelines.cor import schedules\nfrom pipelines.templates.dump import dump_flow\n\n" +
            "@task\ndef ping():\n    pass\n\nwith Flow(\"ping\", schedule=schedules.hourly) as ping_flow:\n    ping()\n\nradar = deepcopy(dump_flow)\nradar.name = constants.TABLE\n");

        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        // Then the schedules (and what they import) and the template's module migrate with the flow; the constants and the registry do not
        var ping = inventory.Flows.Single(f => f.Name == "ping");
        Assert.Equal(["pipelines/cor/clocks.py", "pipelines/cor/flows.py", "pipelines/cor/schedules.py", "pipelines/templates/dump.py"], ping.Files);
        Assert.Equal(["pipelines/templates/dump.py"], inventory.Flows.Single(f => f.Name == "dump").Files);
    }

    [Fact]
    public async Task Should_Find_A_Flow_Built_With_A_Project_Subclass_Of_Flow_In_A_File_That_Never_Mentions_Prefect()
    {
        using var repo = new TempDirectory();
        repo.Write("pipelines/__init__.py", "");
        repo.Write("pipelines/utils/__init__.py", "");
        repo.Write("pipelines/utils/decorators.py", "from prefect import Flow as PrefectFlow\n\nclass Flow(PrefectFlow):\n    def __init__(self, *args, code_owners=None, **kwargs):\n        super().__init__(*args, **kwargs)\n");
        repo.Write("pipelines/utils/tasks.py", "from prefect import task\n\n@task(max_retries=2)\ndef fetch(url):\n    return url\n");
        repo.Write("pipelines/rj_smtr/flows.py",
            "from pipelines.utils.decorators import Flow\nfrom pipelines.utils.tasks import fetch as get\nfrom .local import store\n\n" +
            "with Flow(name=\"SMTR: captura\", code_owners=[\"ops\"]) as captura:\n    data = get(\"http://x\")\n    store(data)\n");
        repo.Write("pipelines/rj_smtr/local.py", "import prefect\n\n@prefect.task\ndef store(data):\n    pass\n");

        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        var flow = Assert.Single(inventory.Flows);
        Assert.Equal(("pipelines/rj_smtr/flows.py::SMTR: captura", FlowKind.FlowBlock, "captura"), (flow.Id, flow.Kind, flow.Variable));
        Assert.Equal([("fetch", "pipelines/utils/tasks.py"), ("store", "pipelines/rj_smtr/local.py")], flow.Tasks.Select(t => (t.Name, t.File!)));
        Assert.Equal(["pipelines/rj_smtr/flows.py", "pipelines/rj_smtr/local.py", "pipelines/utils/decorators.py", "pipelines/utils/tasks.py"], flow.Files);
        Assert.Equal(Framework.Prefect1, inventory.Files.Single(f => f.Path == "pipelines/rj_smtr/flows.py").Framework);
    }

    [Fact]
    public async Task Should_Find_A_Flow_Built_With_A_Flow_Subclass_Re_Exported_By_A_Module_Level_Alias()
    {
        // Given the layout of prefeitura-rio/pipelines: CustomFlow defined in one module, `Flow = CustomFlow` in another
        using var repo = new TempDirectory();
        repo.Write("pipelines/__init__.py", "");
        repo.Write("pipelines/utils/__init__.py", "");
        repo.Write("pipelines/utils/custom.py", "from prefect.core.flow import Flow\n\nclass CustomFlow(Flow):\n    def __init__(self, name, code_owners=None, **kwargs):\n        super().__init__(name=name, **kwargs)\n");
        repo.Write("pipelines/utils/decorators.py", "from pipelines.utils.custom import CustomFlow\n\nFlow = CustomFlow\n");
        repo.Write("pipelines/rj_cor/flows.py",
            "from prefect import Parameter, task\nfrom pipelines.utils.decorators import Flow\n\n@task\ndef send(path):\n    return path\n\n" +
            "with Flow(name=\"COR: bot\") as bot_flow:\n    send(Parameter(\"secret_path\"))\n");

        // When the repository is scanned
        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        // Then the block is a flow, built with the project's Flow class
        var flow = Assert.Single(inventory.Flows);
        Assert.Equal(("pipelines/rj_cor/flows.py::COR: bot", FlowKind.FlowBlock, "bot_flow"), (flow.Id, flow.Kind, flow.Variable));
        Assert.Equal(["send"], flow.Tasks.Select(t => t.Name));
    }

    [Fact]
    public async Task Should_Resolve_Flyte_Tasks_Through_Aliases_Module_Imports_And_Map_Task()
    {
        using var repo = new TempDirectory();
        repo.Write("wf/__init__.py", "");
        repo.Write("wf/tasks.py", "import flytekit as fk\n\n@fk.task(retries=2)\ndef square(x: int) -> int:\n    return x * x\n");
        repo.Write("wf/flows.py",
            "from flytekit import workflow as wf, map_task, task\nfrom wf import tasks\nfrom wf.tasks import square as sq\n\n@task\ndef total(xs: list[int]) -> int:\n    return sum(xs)\n\n" +
            "@wf\ndef pipeline(xs: list[int]) -> int:\n    return total(xs=map_task(sq)(x=xs))\n\n@wf()\ndef other(x: int) -> int:\n    return tasks.square(x=x)\n");

        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        Assert.Equal(["square", "total"], inventory.Flows.Single(f => f.Name == "pipeline").Tasks.Select(t => t.Name).Order());
        Assert.Equal(["square"], inventory.Flows.Single(f => f.Name == "other").Tasks.Select(t => t.Name));
    }

    [Fact]
    public async Task Should_Mark_Migrated_Files_And_Report_Files_That_Do_Not_Parse_Or_Decode()
    {
        using var repo = new TempDirectory();
        repo.Write("new_flyte.py", "import flyte\n\nenv = flyte.TaskEnvironment(name=\"x\")\n");
        repo.Write("new_prefect.py", "from prefect import flow, task\n\n@flow\ndef f():\n    pass\n");
        // v1's API client, from the prefect.client module 2/3 also have (prefeitura-rio/pipelines' cleanup tasks)
        repo.Write("v1_client_tasks.py", "from prefect import task\nfrom prefect.client import Client\n\n@task\ndef client():\n    return Client()\n");
        repo.Write("broken.py", "import flytekit\ndef f(:\n");
        File.WriteAllBytes(repo.Combine("latin.py"), System.Text.Encoding.Latin1.GetBytes("import prefect\nx = 'Café'\n"));

        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        var files = inventory.Files.ToDictionary(f => f.Path);
        Assert.Equal(Framework.Flyte2, files["new_flyte.py"].Framework);
        Assert.Equal(Framework.Prefect2Or3, files["new_prefect.py"].Framework);
        Assert.Equal(Framework.Prefect1, files["v1_client_tasks.py"].Framework);
        Assert.StartsWith("syntax error", files["broken.py"].ParseError);
        Assert.Contains("not valid UTF-8", files["latin.py"].ParseError);
        Assert.Empty(inventory.Flows);
    }

    [Fact]
    public async Task Should_Parse_Only_The_Files_That_Mention_A_Framework()
    {
        using var repo = new TempDirectory();
        for (var i = 0; i < 2000; i++)
        {
            repo.Write($"pkg{i / 100}/m{i}.py", i % 10 == 0
                ? $"from prefect import Flow, task\n\n@task\ndef t{i}():\n    return {i}\n\nwith Flow(\"f{i}\") as flow:\n    t{i}()\n"
                : $"import os\n\ndef helper_{i}(x):\n    return [os.sep * n for n in range(x)]\n");
        }

        var inventory = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);

        Assert.Equal(2000, inventory.Statistics.PythonFiles);
        Assert.Equal(200, inventory.Statistics.Candidates);
        Assert.Equal(200, inventory.Statistics.Parsed);
        Assert.Equal(200, inventory.Flows.Count);
    }

    [Fact]
    public async Task Should_Parse_Candidates_On_Several_Threads_At_Once_While_Reading()
    {
        // Given two framework files, and an in-process parser that lets a parse finish only once another one is under way
        using var repo = new TempDirectory();
        repo.Write("a.py", "import prefect\n");
        repo.Write("b.py", "import flytekit\n");
        await shared.Worker.StartAsync();
        using var together = new Barrier(2);
        var parses = 0;
        var parser = new ModuleParser(shared.Worker, inProcess: true, (path, text, encoding, comments) =>
        {
            Interlocked.Increment(ref parses);
            // A hang guard only: parsing one file after the other never meets the barrier.
            if (!together.SignalAndWait(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"{path} was parsed alone: the candidates are not parsed side by side");
            }

            return InProcessParser.TryParse(path, text, encoding, comments);
        });

        // When the inventory is built
        var inventory = await new InventoryBuilder(parser).BuildAsync(repo.Path);

        // Then both were parsed, at the same time
        Assert.Equal(2, parses);
        Assert.Equal([("a.py", Framework.Prefect1), ("b.py", Framework.Flyte1)], inventory.Files.Select(f => (f.Path, f.Framework)));
    }

    [Fact]
    public async Task Should_Stop_Reading_And_Report_The_Failure_When_A_Parse_Fails()
    {
        // Given 300 framework files, an in-process parser that fails on the first one and takes its time over the others
        using var repo = new TempDirectory();
        for (var i = 0; i < 300; i++)
        {
            repo.Write($"m{i:000}.py", $"import prefect\nx = {i}\n");
        }

        await shared.Worker.StartAsync();
        var parses = 0;
        using var failing = new ManualResetEventSlim();
        var parser = new ModuleParser(shared.Worker, inProcess: true, (path, text, encoding, comments) =>
        {
            Interlocked.Increment(ref parses);
            if (path == "m000.py")
            {
                failing.Set();
                throw new InvalidOperationException("the parser broke on m000.py");
            }

            // No other file is parsed before the failure, however the readers are scheduled (the wait is a hang guard only),
            // and each takes its time after it: reading on after the failure would parse all 300 in 3 s.
            failing.Wait(TimeSpan.FromSeconds(60));
            Thread.Sleep(10);
            return InProcessParser.TryParse(path, text, encoding, comments);
        });

        // When the inventory is built
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new InventoryBuilder(parser).BuildAsync(repo.Path));

        // Then the failure itself is reported (not the cancellation of the other readers), and the files after it are not all parsed
        Assert.Equal("the parser broke on m000.py", failure.Message);
        Assert.InRange(parses, 1, 150);
    }

    [Fact]
    public async Task Should_List_Flows_In_File_And_Line_Order_However_The_Modules_Are_Searched()
    {
        // Given 60 modules of Flyte and Prefect flows, several per module, in folders listed out of path order
        using var repo = new TempDirectory();
        for (var i = 0; i < 60; i++)
        {
            repo.Write($"d{59 - i:00}/flows{i:00}.py", i % 2 == 0
                ? $"from flytekit import task, workflow, LaunchPlan\n\n@task\ndef t() -> int:\n    return 1\n\n@workflow\ndef w{i}_b() -> int:\n    return t()\n\n@workflow\ndef w{i}_a() -> int:\n    return t()\n\nlp = LaunchPlan.get_or_create(w{i}_a, name=\"lp{i}\")\n"
                : $"from prefect import Flow, task\n\n@task\ndef t():\n    return 1\n\nwith Flow(\"f{i}_b\") as b:\n    t()\n\nwith Flow(\"f{i}_a\") as a:\n    t()\n");
        }

        // When the inventory is built several times
        var builds = new List<IReadOnlyList<string>>();
        for (var run = 0; run < 5; run++)
        {
            builds.Add((await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path)).Flows.Select(f => $"{f.File}:{f.Line}:{f.Id}").ToList());
        }

        // Then every build lists the same 150 flows, by file and then by line
        var expected = Enumerable.Range(0, 60).OrderBy(i => $"d{59 - i:00}", StringComparer.Ordinal).SelectMany(i => i % 2 == 0
            ? new[] { $"d{59 - i:00}/flows{i:00}.py:8:d{59 - i:00}/flows{i:00}.py::w{i}_b", $"d{59 - i:00}/flows{i:00}.py:12:d{59 - i:00}/flows{i:00}.py::w{i}_a", $"d{59 - i:00}/flows{i:00}.py:15:d{59 - i:00}/flows{i:00}.py::lp{i}" }
            : new[] { $"d{59 - i:00}/flows{i:00}.py:7:d{59 - i:00}/flows{i:00}.py::f{i}_b", $"d{59 - i:00}/flows{i:00}.py:10:d{59 - i:00}/flows{i:00}.py::f{i}_a" }).ToList();
        Assert.All(builds, flows => Assert.Equal(expected, flows));
    }
}
