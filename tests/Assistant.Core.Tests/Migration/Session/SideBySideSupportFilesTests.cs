using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary>
/// Side by side, on the layout Prefect 1 projects register flows with (prefeitura-rio/pipelines): a package <c>__init__.py</c> that
/// imports every flow module. The parallel tree gets a flow's own old-framework modules converted, its plain helpers copied, and
/// neither the other flows' v1 modules nor the registry's imports of them, so the flow loads under the new framework and the
/// branches of two flows merge cleanly.
/// </summary>
public sealed class SideBySideSupportFilesTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Registry = "\"\"\"Prefect flows for cor\"\"\"\nfrom pipelines.cor.alpha.flows import *\nfrom pipelines.cor.beta.flows import (\n    beta_flow,\n)\n";

    private static TempGitRepo CreateRepo()
    {
        var repo = TempGitRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", "mode: side-by-side\nprefect_target: prefect3\n");
        repo.WriteFile("pipelines/__init__.py", string.Empty);
        repo.WriteFile("pipelines/helpers.py", "def double(x):\n    return 2 * x\n");
        repo.WriteFile("pipelines/cor/__init__.py", Registry);
        repo.WriteFile("pipelines/cor/alpha/__init__.py", string.Empty);
        repo.WriteFile("pipelines/cor/alpha/schedules.py", """
            from datetime import timedelta

            from prefect.schedules import IntervalSchedule

            every_hour = IntervalSchedule(interval=timedelta(hours=1))

            """);
        repo.WriteFile("pipelines/cor/alpha/flows.py", """
            from prefect import Flow, task

            from pipelines.cor.alpha.schedules import every_hour
            from pipelines.helpers import double


            @task
            def measure():
                return double(21)


            with Flow("alpha", schedule=every_hour) as alpha_flow:
                measure()

            """);
        repo.WriteFile("pipelines/cor/beta/__init__.py", string.Empty);
        repo.WriteFile("pipelines/cor/beta/flows.py", """
            from prefect import Flow, task


            @task
            def report():
                print("beta")


            with Flow("beta") as beta_flow:
                report()

            """);
        repo.Commit("Prefect 1 flows registered by their package");
        return repo;
    }

    [Fact]
    public async Task Should_Leave_Other_Flows_V1_Modules_And_Their_Registry_Imports_Out_Of_The_Parallel_Tree()
    {
        using var repo = CreateRepo();
        await using (var session = await OpenAsync(repo))
        {
            // When both flows are migrated, each on its own branch, with the import check before the last commit
            foreach (var id in new[] { "pipelines/cor/alpha/flows.py::alpha", "pipelines/cor/beta/flows.py::beta" })
            {
                var wizard = await session.OpenAsync(id);
                while (wizard.Current is not null)
                {
                    var commit = await wizard.AcceptAsync();
                    Assert.True(commit.IsSuccess, commit.Error);
                }
            }
        }

        // Then alpha's tree has its converted schedules and its plain helper, not beta's module, and the registry without its v1 imports
        const string Alpha = "flowmigrate/pipelines.cor.alpha.flows.alpha";
        var files = repo.Git("ls-tree", "-r", "--name-only", Alpha, "flows_v2").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["flows_v2/deployments/alpha.prefect.yaml", "flows_v2/pipelines/__init__.py", "flows_v2/pipelines/cor/__init__.py", "flows_v2/pipelines/cor/alpha/__init__.py",
            "flows_v2/pipelines/cor/alpha/flows.py", "flows_v2/pipelines/cor/alpha/schedules.py", "flows_v2/pipelines/helpers.py"], files);
        Assert.DoesNotContain("IntervalSchedule", repo.Git("show", $"{Alpha}:flows_v2/pipelines/cor/alpha/schedules.py"), StringComparison.Ordinal);
        Assert.Equal("\"\"\"Prefect flows for cor\"\"\"\n" + SupportFiles.LeftOutNote + "\n# from pipelines.cor.alpha.flows import *\n# from pipelines.cor.beta.flows import (\n#     beta_flow,\n# )\n",
            repo.Git("show", $"{Alpha}:flows_v2/pipelines/cor/__init__.py"));

        // And the two branches merge cleanly, the old tree untouched
        repo.Git("merge", "--no-edit", Alpha);
        var merge = repo.TryGit("merge", "--no-edit", "flowmigrate/pipelines.cor.beta.flows.beta");
        Assert.True(merge.ExitCode == 0, merge.StandardError);
        Assert.Equal(Registry, repo.ReadFile("pipelines/cor/__init__.py"));
        Assert.True(File.Exists(Path.Combine(repo.Path, "flows_v2", "pipelines", "cor", "beta", "flows.py")));
    }

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets) }, shared.Worker);
}
