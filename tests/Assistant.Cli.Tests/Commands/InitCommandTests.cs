using Assistant.Cli.Tests.Support;
using Assistant.Core.Migration.Session.Config;

namespace Assistant.Cli.Tests.Commands;

/// <summary><c>flowmigrate init</c>: every config key has a flag, and what init writes loads back with the same values.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "init-" + Guid.NewGuid().ToString("N")[..8]);

    public InitCommandTests()
    {
        Directory.CreateDirectory(_repo);
        Assert.Equal(0, GitCli.Run(_repo, "init", "-q", "-b", "main").ExitCode);
    }

    [Fact]
    public async Task Should_Write_Every_Setting_Given_As_A_Flag()
    {
        var result = await CliProcess.RunInAsync(_repo, null, "init", "--target", "prefect2", "--mode", "in-place", "--driver", "async",
            "--work-pool", "KubernetesRun=k8s-pool", "--work-pool", "DockerRun=docker", "--secret-block", "SLACK_WEBHOOK=slack-webhook",
            "--exclude", "legacy", "--exclude", "scratch/tmp", "--rule-folder", "tools/rules", "--default-image", "ghcr.io/acme/flows:1", "--submodules");

        Assert.True(result.ExitCode == 0, result.Error);
        var config = RepositoryConfigFile.Load(_repo);
        Assert.Equal(("prefect2", "in-place", "async", "ghcr.io/acme/flows:1"), (config.PrefectTarget, config.Mode, config.Driver, config.DefaultImage));
        Assert.Equal(new Dictionary<string, string> { ["KubernetesRun"] = "k8s-pool", ["DockerRun"] = "docker" }, config.WorkPools);
        Assert.Equal(new Dictionary<string, string> { ["SLACK_WEBHOOK"] = "slack-webhook" }, config.SecretBlocks);
        Assert.Equal(["legacy", "scratch/tmp"], config.Exclude);
        Assert.Equal(["tools/rules"], config.RuleFolders);
        Assert.True(config.Submodules);
    }

    [Fact]
    public async Task Should_Refuse_A_Pair_Without_A_Value_And_Write_Nothing()
    {
        var result = await CliProcess.RunInAsync(_repo, null, "init", "--secret-block", "SLACK_WEBHOOK");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--secret-block SLACK_WEBHOOK: expected KEY=VALUE", result.Error);
        Assert.False(File.Exists(Path.Combine(_repo, RepositoryConfig.RelativePath)));
    }

    public void Dispose() => GitCli.DeleteRepository(_repo);
}
