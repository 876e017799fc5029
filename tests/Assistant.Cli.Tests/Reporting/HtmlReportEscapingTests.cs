using Assistant.Cli.Output;
using Assistant.Core.Migration.Reporting;
using Assistant.Core.Migration.Session;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Tests.Reporting;

public sealed class HtmlReportEscapingTests
{
    [Fact]
    public void Should_Html_Encode_Every_Piece_Of_Repository_Content()
    {
        const string hostile = "<script>alert(1)</script>";
        var status = new FlowStatus($"x.py::{hostile}", hostile, "flyte1", "x.py", 0, FlowState.Committed, null, 5, $"flowmigrate/{hostile}", 1);
        var diff = TextDiffer.Compute("a = 1\n", $"a = \"{hostile}\"\n");
        var step = new StepReport(new string('a', 40), "decorators", $"flowmigrate: {hostile}", DateTimeOffset.UnixEpoch, [hostile], [new FileDiff("x.py", "flows_v2/x.py", diff)]);
        var flow = new FlowReport(status, 3, [step], [new TodoItem("FLY401", "flows_v2/x.py", 2, hostile)]);
        var report = new RepositoryReport("/tmp/repo", hostile, new string('b', 40), "side-by-side", "prefect3", [flow]);

        var html = HtmlReport.Write(report, checksRan: false, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<a class=\"todo-link\" href=\"flows_v2/x.py#L2\">flows_v2/x.py:2</a>", html);
    }
}
