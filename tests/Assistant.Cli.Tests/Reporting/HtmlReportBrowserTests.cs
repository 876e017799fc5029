using System.Text.RegularExpressions;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reporting;

[Collection(MigratedDemoCollection.Name)]
public sealed partial class HtmlReportBrowserTests(MigratedDemoFixture demo)
{
    /// <summary>Kept after the run so a person can look at it.</summary>
    public static readonly string Screenshot = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "report-screenshot.png");

    [ChromiumFact]
    public async Task Should_Render_Counts_Diffs_And_Todo_Links_In_A_Real_Browser()
    {
        var html = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", Path.GetFileName(demo.Repo) + ".report.html");
        var report = await CliProcess.RunInAsync(demo.Repo, null, "report", "--html", html);
        Assert.True(report.ExitCode == 0, report.Error);
        var source = File.ReadAllText(html);
        Assert.DoesNotMatch(ExternalReference(), source);

        var dom = await Chromium.RunAsync("--dump-dom", new Uri(html).AbsoluteUri);

        Assert.Contains("<span class=\"count\">10</span><span class=\"label\">flows</span>", dom);
        Assert.Equal(10, FlowRows().Count(dom));
        Assert.Matches(AddedLine(), dom);
        Assert.Contains("<span class=\"line removed\">-", dom);
        Assert.Matches(TodoLink(), dom);
        Assert.Contains("<svg id=\"progress\"", dom);


        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
        File.Delete(Screenshot);
        await Chromium.RunAsync("--screenshot=" + Screenshot, "--window-size=1280,2000", "--hide-scrollbars", new Uri(html).AbsoluteUri);
        Assert.True(new FileInfo(Screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    [ChromiumFact]
    public async Task Should_Render_The_Graph_Check_Beside_The_Behaviour_Check_With_Its_Counts_In_The_Flow_Table()
    {
        var html = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", Path.GetFileName(demo.Repo) + ".checked.html");
        var report = await CliProcess.RunInAsync(demo.Repo, null, "report", "--html", html, "--check");
        Assert.True(report.ExitCode == 0, report.Error);

        var dom = await Chromium.RunAsync("--dump-dom", new Uri(html).AbsoluteUri);

        // Counts in the flows table: the ETL driver calls what the workflow called; the training driver runs in sequence
        // what the workflow ran concurrently (a warning).
        Assert.Matches(EtlRowWithSameCalls(), dom);
        Assert.Matches(TrainingRowWithGraphWarning(), dom);
        // Per flow, the graph table sits beside the behaviour table, and its lines are not repeated as findings.
        Assert.Matches(GraphTableBesideBehaviour(), dom);
        Assert.Matches(LostParallelismRow(), dom);
        Assert.DoesNotMatch(GraphFindingParagraph(), dom);
        File.Delete(html);
    }

    [GeneratedRegex(@"<tr class=""flow""[^>]*><td><a href=""#[^""]*"">daily_etl</a>.*?<span class=""graph-counts"" data-errors=""0"" data-warnings=""0"">graph: same calls</span>")]
    private static partial Regex EtlRowWithSameCalls();

    [GeneratedRegex(@"<tr class=""flow""[^>]*><td><a href=""#[^""]*"">churn_training</a>.*?<span class=""graph-counts"" data-errors=""0"" data-warnings=""1"">graph: 1 warning</span>")]
    private static partial Regex TrainingRowWithGraphWarning();

    [GeneratedRegex(@"<div class=""check-tables"">\s*<table class=""behaviour"">(?:(?!</table>).)*</table>\s*<div class=""graph-check""><h5>Graph check</h5>\s*<table class=""graph"">", RegexOptions.Singleline)]
    private static partial Regex GraphTableBesideBehaviour();

    [GeneratedRegex(@"<tr class=""g-warning"" data-kind=""lost-parallelism""><td>warning</td><td>churn_training</td><td>lost-parallelism</td><td><code>flyte_flows/training\.py</code></td><td>\d+ pair\(s\) of calls that ran concurrently")]
    private static partial Regex LostParallelismRow();

    [GeneratedRegex(@"<p class=""finding [a-z]+"">[^<]*graph: ")]
    private static partial Regex GraphFindingParagraph();

    [GeneratedRegex(@"(src|href)=""(https?:)?//|@import|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"<tr class=""flow""")]
    private static partial Regex FlowRows();

    [GeneratedRegex(@"<span class=""line added"">\+.*flyte")]
    private static partial Regex AddedLine();

    [GeneratedRegex(@"<a class=""todo-link"" href=""flows_v2/flyte_flows/etl_pipeline\.py#L\d+"">flows_v2/flyte_flows/etl_pipeline\.py:\d+</a>")]
    private static partial Regex TodoLink();
}
