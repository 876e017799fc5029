using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>
/// The wizard reads the project modules a flow's modules import names from (a constants enum in a package that imports no framework),
/// as <c>convert</c> does, so a flow converts the same way in either; those modules are read, never converted.
/// </summary>
public sealed class ImportedProjectModulesTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Flows = """
        from copy import deepcopy

        from prefect import Flow, Parameter, task
        from prefect.storage import GCS

        from pipelines.constants import constants


        def set_default_parameters(flow, default_parameters):
            for parameter in flow.parameters():
                parameter.default = default_parameters[parameter.name]
            return flow


        @task
        def dump(table_id):
            print(table_id)


        with Flow("dump") as dump_flow:
            dump(Parameter("table_id"))

        radar_flow = deepcopy(dump_flow)
        radar_flow.name = "radar"
        radar_flow.storage = GCS("flows")
        radar_flow = set_default_parameters(radar_flow, constants.DEFAULTS.value)

        """;

    private const string Values = "from enum import Enum\n\n\nclass constants(Enum):\n    TABLE = \"radar\"\n    DEFAULTS = {\"table_id\": TABLE}\n";

    [Theory]
    [InlineData("in-place", "")]
    [InlineData("side-by-side", "flows_v2/")]
    public async Task Should_Read_The_Constants_A_Flow_Imports_From_A_Module_Outside_Its_Unit(string mode, string output)
    {
        // Given a flow copy whose parameter defaults live in a constants enum, re-exported by a package that imports no framework
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", $"mode: {mode}\nprefect_target: prefect3\n");
        repo.WriteFile("pipelines/__init__.py", string.Empty);
        repo.WriteFile("pipelines/constants/__init__.py", "from pipelines.constants.values import constants\n");
        repo.WriteFile("pipelines/constants/values.py", Values);
        repo.WriteFile("pipelines/flows.py", Flows);
        repo.Commit("Prefect 1 flow and its copy");
        await using var session = await MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker);

        // When its steps are all accepted in the wizard
        var wizard = await session.OpenAsync("pipelines/flows.py::dump");
        while (wizard.Current is not null)
        {
            var commit = await wizard.AcceptAsync();
            Assert.True(commit.IsSuccess, commit.Error);
        }

        // Then the enum's value is the copy's deployment parameters, as convert makes it, and the constants are left as they were
        const string Branch = "flowmigrate/pipelines.flows.dump";
        Assert.Contains("radar_flow = dump_flow.with_options(name=\"radar\")", repo.Git("show", $"{Branch}:{output}pipelines/flows.py"), StringComparison.Ordinal);
        Assert.Contains("  parameters: {\"table_id\": \"radar\"}\n", repo.Git("show", $"{Branch}:{output}deployments/radar.prefect.yaml"), StringComparison.Ordinal);
        Assert.Equal(Values, repo.Git("show", $"{Branch}:pipelines/constants/values.py"));
        Assert.Equal(string.Empty, repo.Git("diff", "--stat", "main", Branch, "--", "pipelines/constants"));
    }
}
