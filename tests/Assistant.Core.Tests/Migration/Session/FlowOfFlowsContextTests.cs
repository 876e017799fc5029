using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>
/// A flow of flows migrated on its own (prefeitura-rio/pipelines' prediction and materialization flows): its child is another
/// flow of the repository, named by a constant and still Prefect 1 code. The wizard reads the other flows' modules, so the
/// parent's <c>create_flow_run</c> becomes <c>run_deployment</c> of the child's deployment, as <c>convert</c> makes it.
/// </summary>
public sealed class FlowOfFlowsContextTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Theory]
    [InlineData("side-by-side", "flows_v2/pipelines/parent/flows.py")]
    [InlineData("in-place", "pipelines/parent/flows.py")]
    public async Task Should_Start_The_Deployment_Of_A_Child_Flow_Defined_Elsewhere(string mode, string converted)
    {
        // Given a parent flow starting a child flow of another module by the constant that names it
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", $"mode: {mode}\nprefect_target: prefect3\n");
        repo.WriteFile("pipelines/__init__.py", string.Empty);
        repo.WriteFile("pipelines/constants.py", """
            from enum import Enum


            class constants(Enum):
                CHILD_FLOW_NAME = "EMD: materialize"

            """);
        repo.WriteFile("pipelines/child/__init__.py", string.Empty);
        repo.WriteFile("pipelines/child/flows.py", """
            from prefect import Flow, Parameter, task
            from prefect.storage import GCS

            from pipelines.constants import constants


            @task
            def materialize(table_id):
                print(table_id)


            with Flow(name=constants.CHILD_FLOW_NAME.value) as materialize_flow:
                table_id = Parameter("table_id")
                materialize(table_id)

            materialize_flow.storage = GCS("flows")

            """);
        repo.WriteFile("pipelines/parent/__init__.py", string.Empty);
        repo.WriteFile("pipelines/parent/flows.py", """
            from prefect import Flow, Parameter
            from prefect.tasks.prefect import create_flow_run, wait_for_flow_run

            from pipelines.constants import constants


            with Flow("EMD: dump") as dump_flow:
                table_id = Parameter("table_id")
                child = create_flow_run(flow_name=constants.CHILD_FLOW_NAME.value, parameters={"table_id": table_id})
                wait_for_flow_run(child, raise_final_state=True)

            """);
        repo.Commit("Prefect 1 flow of flows");

        // When only the parent is migrated
        await using (var session = await MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker))
        {
            var wizard = await session.OpenAsync("pipelines/parent/flows.py::EMD: dump");
            while (wizard.Current is not null)
            {
                var commit = await wizard.AcceptAsync();
                Assert.True(commit.IsSuccess, commit.Error);
            }
        }

        // Then it runs the deployment the child's migration writes, and the child's module is not part of its branch
        var branch = repo.Git("branch", "--list", "flowmigrate/*", "--format=%(refname:short)").Trim();
        var parent = repo.Git("show", $"{branch}:{converted}");
        Assert.Contains("run_deployment(", parent, StringComparison.Ordinal);
        Assert.Contains("name=f\"{constants.CHILD_FLOW_NAME.value}/materialize-flow\"", parent, StringComparison.Ordinal);
        Assert.DoesNotContain("create_flow_run", parent, StringComparison.Ordinal);
        Assert.Empty(repo.Git("diff", "--name-only", $"main...{branch}", "--", "pipelines/child").Trim());
    }
}
