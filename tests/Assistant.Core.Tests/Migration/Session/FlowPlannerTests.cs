using Assistant.Core.Migration.Session;
using Assistant.Core.Python;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

public sealed class FlowPlannerTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Parse_The_Repositorys_Flow_Files_Once_However_Many_Times_A_Flow_Is_Loaded()
    {
        // More flow files than the worker's parse cache keeps by default: every step loads them all again.
        using var repo = TempGitRepo.Create();
        var flowFiles = Enumerable.Range(0, PythonWorker.CachedParses + 36).Select(i => $"flows/flow_{i:D3}.py").ToList();
        foreach (var file in flowFiles)
        {
            repo.WriteFile(file, $"from prefect import Flow, task\n\n\n@task\ndef step_{file[^6..^3]}():\n    return 1\n");
        }

        var parser = new ModuleParser(shared.Worker);
        var planner = new FlowPlanner(parser, new TreeLayout("side-by-side", "flows_v2"), flowFiles);
        var unit = new MigrationUnit("flows.flow_000", [], [flowFiles[0]], "prefect1-to-prefect3");

        var first = await planner.LoadAsync(repo.Path, unit, CancellationToken.None);
        var parses = parser.InProcessParses + parser.WorkerParses;
        var second = await planner.LoadAsync(repo.Path, unit, CancellationToken.None);

        Assert.Equal(flowFiles.Count, first.Modules.Count());
        Assert.Equal(flowFiles.Count, parses);
        Assert.Equal(parses, parser.InProcessParses + parser.WorkerParses);
        Assert.All(first.Modules, module => Assert.Same(module, second.ModuleAt(module.Path)));
    }
}
