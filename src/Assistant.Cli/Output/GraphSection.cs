using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Output;

/// <summary>
/// What <c>pr-body</c> and <c>report --html</c> share about the graph check: its findings (errors first), whether it
/// ran (the behaviour check compared something), and which general findings only repeat a graph line (the checker
/// lists every graph line among its findings too, as <c>graph: flow: kind: message</c>; the graph table shows them).
/// </summary>
internal static class GraphSection
{
    public static bool IsGraphFinding(CheckFinding finding) => finding.Message.StartsWith("graph: ", StringComparison.Ordinal);

    public static bool Ran(FlowCheckReport check) => check.Behaviour.Count > 0 || check.Graph.Count > 0;

    public static IEnumerable<GraphLine> Ordered(IReadOnlyList<GraphLine> lines) =>
        lines.OrderBy(g => g.Severity == "error" ? 0 : 1).ThenBy(g => g.Flow, StringComparer.Ordinal).ThenBy(g => g.File, StringComparer.Ordinal).ThenBy(g => g.Line ?? 0);

    public static int Errors(FlowCheckReport check) => check.Graph.Count(g => g.Severity == "error");

    public static int Warnings(FlowCheckReport check) => check.Graph.Count(g => g.Severity != "error");
}
