using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>
/// The final check of a flow whose shared helpers still import Prefect 1 APIs the target lacks (prefeitura-rio/pipelines'
/// <c>prefect.client.Client</c>, <c>prefect.backend</c>), which the conversion leaves under a TODO: the import fails, as it
/// would in the user's Python, and says which TODO the line is left for; the flow's settings and calls are still compared.
/// </summary>
public sealed class LeftoverImportCheckTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Name_The_Todo_Of_A_Leftover_Import_And_Still_Compare_The_Flow()
    {
        // Given a flow whose helper module imports Prefect 1's Client
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", "mode: side-by-side\nprefect_target: prefect3\n");
        repo.WriteFile("pipelines/__init__.py", string.Empty);
        repo.WriteFile("pipelines/utils.py", """
            from prefect import task
            from prefect.client import Client


            @task
            def latest_run(flow_name):
                return Client().get_flow_run_info(flow_name)

            """);
        repo.WriteFile("pipelines/flows.py", """
            from prefect import Flow, task

            from pipelines.utils import latest_run


            @task
            def report(run):
                print(run)


            with Flow("watch") as watch_flow:
                report(latest_run("dump"))

            """);
        repo.Commit("Prefect 1 flow with a helper on the v1 client");

        // When the flow is migrated step by step
        CommitResult? failed = null;
        await using (var session = await MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker))
        {
            var wizard = await session.OpenAsync("pipelines/flows.py::watch");
            while (wizard.Current is not null && failed is null)
            {
                var commit = await wizard.AcceptAsync();
                failed = commit.IsSuccess ? null : commit;
            }
        }

        // Then the last step's check fails on the import, naming its TODO, not the stand-in's path
        Assert.NotNull(failed);
        var error = Assert.Single(failed.Check!.Findings, f => f.Severity == "error");
        Assert.Equal(("pipelines/utils.py", 3), (error.File, error.Line));
        Assert.Equal("ImportError: cannot import name 'Client' from 'prefect.client' (the target's stand-in); the line is left for TODO PF344: Client from prefect.client is Prefect 1 API with no prefect3 import", error.Message);
        Assert.Contains("the line is left for TODO PF344", failed.Error, StringComparison.Ordinal);

        // And the flow was compared with the old one all the same: its settings, and its calls, which match
        Assert.Contains(failed.Check.Behaviour, b => b.Entity.Contains("watch", StringComparison.Ordinal));
        Assert.DoesNotContain(failed.Check.Findings, f => f.Message.StartsWith("graph: ", StringComparison.Ordinal));
    }
}
