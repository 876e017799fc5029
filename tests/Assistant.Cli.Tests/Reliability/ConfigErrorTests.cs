using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>A bad <c>.flowmigrate/config.yaml</c> is reported as a configuration error with file, line and key, and nothing changes.</summary>
public sealed class ConfigErrorTests
{
    [Fact]
    public async Task Status_Should_Name_The_Config_Line_And_Key_And_Change_Nothing()
    {
        using var repo = new TempRepo("config").Init()
            .Write("flows/a.py", TempRepo.PrefectFlow("a"))
            .Write(".flowmigrate/config.yaml", "mode: side-by-side\nprefect_traget: prefect3\n")
            .Commit();
        var before = repo.Snapshot();

        var result = await CliProcess.RunInAsync(repo.Root, null, "status");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(".flowmigrate/config.yaml:2: prefect_traget: unknown setting", line);
        Assert.DoesNotContain("ruleset", line);
        Assert.Equal(before, repo.Snapshot());
    }
}
