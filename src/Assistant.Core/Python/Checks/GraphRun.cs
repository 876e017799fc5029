namespace Assistant.Core.Python.Checks;

/// <summary>One run of a flow function with placeholders (or the recorded DAG); <see cref="Error"/> when its code stopped early.</summary>
public sealed record GraphRun(IReadOnlyList<GraphNode> Nodes, string? Error, int? ErrorLine)
{
    /// <summary>The truth each value the run branched on took, as <c>sources|True</c> or <c>sources|False</c> (sources joined by commas).</summary>
    public IReadOnlyList<string> Truths { get; init; } = [];
}
