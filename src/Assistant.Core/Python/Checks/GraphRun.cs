namespace Assistant.Core.Python.Checks;

/// <summary>One run of a flow function with placeholders (or the recorded DAG); <see cref="Error"/> when its code stopped early.</summary>
public sealed record GraphRun(IReadOnlyList<GraphNode> Nodes, string? Error, int? ErrorLine);
