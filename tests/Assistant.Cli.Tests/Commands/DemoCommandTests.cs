using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _target = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "demo-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Should_Create_A_Committed_Git_Repository_And_Show_Its_Flows()
    {
        var result = await CliProcess.RunAsync("demo", "--into", _target);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("10 flows", result.Output);
        Assert.True(File.Exists(Path.Combine(_target, "prefect_flows", "daily_sales.py")));
        var log = GitCli.Run(_target, "log", "--oneline").Output;
        Assert.Single(log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(GitCli.Run(_target, "status", "--porcelain").Output);
    }

    [Fact]
    public async Task Should_Refuse_A_Folder_That_Is_Not_Empty()
    {
        Directory.CreateDirectory(_target);
        File.WriteAllText(Path.Combine(_target, "keep.txt"), "mine");

        var result = await CliProcess.RunAsync("demo", "--into", _target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_target, "keep.txt")));
    }

    public void Dispose() => GitCli.DeleteRepository(_target);
}
