using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reporting;

/// <summary>The demo repository with every flow migrated (<c>migrate --all --yes --no-check</c>), made once for a test class.</summary>
public sealed class MigratedDemoFixture : IAsyncLifetime
{
    public string Repo { get; } = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "report-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        var demo = await CliProcess.RunAsync("demo", "--into", Repo);
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        var migrate = await CliProcess.RunInAsync(Repo, null, "migrate", "--all", "--yes", "--no-check");
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Repo))
        {
            foreach (var file in Directory.EnumerateFiles(Repo, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Repo, recursive: true);
        }

        return Task.CompletedTask;
    }
}
