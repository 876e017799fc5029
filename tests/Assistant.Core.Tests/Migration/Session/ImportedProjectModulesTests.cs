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
    [Theory]
    [InlineData("in-place", "")]
    [InlineData("side-by-side", "flows_v2/")]
    public async Task Should_Read_The_Constants_A_Flow_Imports_From_A_Module_Outside_Its_Unit(string mode, string output)
    {
        // Given a flow copy whose parameter defaults live in a constants enum, re-exported by a package that imports no framework
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", $"mode: {mode}\nprefect_target: prefect3\n");
        foreach (var (path, text) in FlowCopyProject.Files)
        {
            repo.WriteFile(path, text);
        }

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
        Assert.Contains(FlowCopyProject.ConvertedCopy, repo.Git("show", $"{Branch}:{output}pipelines/flows.py"), StringComparison.Ordinal);
        Assert.Contains(FlowCopyProject.DeploymentParameters, repo.Git("show", $"{Branch}:{output}deployments/radar.prefect.yaml"), StringComparison.Ordinal);
        Assert.Equal(FlowCopyProject.Values, repo.Git("show", $"{Branch}:pipelines/constants/values.py"));
        Assert.Equal(string.Empty, repo.Git("diff", "--stat", "main", Branch, "--", "pipelines/constants"));
    }
}
