using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Commands;

/// <summary>
/// The real flowmigrate is killed (as kill -9 would) at each fault point of a migration; afterwards the
/// repository passes git fsck, the user's checkout is byte-identical, and running again finishes the flow.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    private const string Flow = "flyte_flows/etl_pipeline.py::daily_etl";
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "kill-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("after-worktree")]
    [InlineData("before-commit")]
    [InlineData("after-commit")]
    [InlineData("during-state-write")]
    public async Task Should_Leave_A_Clean_Repository_And_Resume_After_Being_Killed(string point)
    {
        Assert.Equal(0, (await CliProcess.RunAsync("demo", "--into", _repo)).ExitCode);
        File.AppendAllText(Path.Combine(_repo, "flyte_flows", "etl_pipeline.py"), "# the user's uncommitted edit\n");
        var before = Snapshot(_repo);

        var killed = await CliProcess.RunInAsync(_repo, new Dictionary<string, string> { ["FLOWMIGRATE_FAULT"] = point }, "migrate", "--flow", Flow, "--yes", "--no-check");

        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(0, GitCli.Run(_repo, "fsck", "--no-progress").ExitCode);
        Assert.Equal(before, Snapshot(_repo));

        var resumed = await CliProcess.RunInAsync(_repo, null, "migrate", "--flow", Flow, "--yes", "--no-check");
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        var status = await CliProcess.RunInAsync(_repo, null, "status", "--json");
        using var json = JsonDocument.Parse(status.Output);
        var flow = json.RootElement.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("id").GetString() == Flow);
        Assert.Equal("committed", flow.GetProperty("state").GetString());
        var subjects = GitCli.Run(_repo, "log", "--format=%s", "main..flowmigrate/flyte_flows.etl_pipeline.daily_etl").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(subjects.Length, subjects.Distinct().Count());
        Assert.Equal(0, GitCli.Run(_repo, "fsck", "--no-progress").ExitCode);
        Assert.Equal(before, Snapshot(_repo));
    }

    private static string Snapshot(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(root, f)}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}");
        var index = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(root, ".git", "index"))));
        return string.Join('\n', files.Append($"index:{index}").Append($"HEAD:{File.ReadAllText(Path.Combine(root, ".git", "HEAD"))}"));
    }

    public void Dispose() => GitCli.DeleteRepository(_repo);
}
