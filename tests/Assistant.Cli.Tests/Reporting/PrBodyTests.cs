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
    public async Task Should_List_The_Graph_Findings_In_Their_Own_Section_After_The_Behaviour_Table()
    {
        var body = await CliProcess.RunInAsync(demo.Repo, null, "pr-body", "--flow", "flyte_flows/training.py::churn_training");

        Assert.True(body.ExitCode == 0, body.Error);
        var text = body.Output;
        var behaviour = text.IndexOf("### Behaviour check", StringComparison.Ordinal);
        var graph = text.IndexOf("### Graph check", StringComparison.Ordinal);
        var todos = text.IndexOf("### TODOs", StringComparison.Ordinal);
        Assert.True(behaviour >= 0 && behaviour < graph && graph < todos, text);
        var section = text[graph..todos];
        Assert.Contains("| severity | flow | finding | where | message |", section);
        Assert.Matches(LostParallelismRow(), section);
        // Listed once, in the graph table, not again among the findings above it.
        Assert.DoesNotContain("graph: churn_training", text);
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

    [GeneratedRegex(@"\| warning \| churn_training \| lost-parallelism \| `flyte_flows/training\.py` \| \d+ pair\(s\) of calls that ran concurrently in the old flow now run one after another: ")]
    private static partial Regex LostParallelismRow();

        [GeneratedRegex(@"\([0-9a-f]{7}\)")]
    private static partial Regex CommitIds();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")]
    private static partial Regex Dates();
}
