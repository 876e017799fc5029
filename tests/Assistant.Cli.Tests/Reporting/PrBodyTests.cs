using System.Text.RegularExpressions;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reporting;

[Collection(MigratedDemoCollection.Name)]
public sealed partial class PrBodyTests(MigratedDemoFixture demo)
{
    [Fact]
    public async Task Should_Describe_The_Etl_Branch_As_The_Golden_File_Does()
    {
        var body = await CliProcess.RunInAsync(demo.Repo, null, "pr-body", "--flow", "flyte_flows/etl_pipeline.py::daily_etl");

        Assert.True(body.ExitCode == 0, body.Error);
        Golden.Assert(Path.Combine("Reporting", "Expected", "pr-body.daily_etl.md"), Normalise(body.Output));
    }

    [Fact]
    public async Task Should_Refuse_A_Flow_That_Does_Not_Exist()
    {
        var body = await CliProcess.RunInAsync(demo.Repo, null, "pr-body", "--flow", "nope.py::x");

        Assert.Equal(2, body.ExitCode);
        Assert.Contains("no flow 'nope.py::x'", body.Error);
    }

    // Commit ids and dates change on every run.
    private static string Normalise(string text) => Dates().Replace(CommitIds().Replace(text, "(COMMIT)"), "DATE");

    [GeneratedRegex(@"\([0-9a-f]{7}\)")]
    private static partial Regex CommitIds();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")]
    private static partial Regex Dates();
}
