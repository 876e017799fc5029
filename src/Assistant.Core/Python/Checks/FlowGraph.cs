namespace Assistant.Core.Python.Checks;

/// <summary>
/// What one flow calls, recorded by the graph check: a Flyte 1 workflow or Prefect 1 flow as its DAG
/// (<see cref="Driver"/> <c>dag</c>), or a Flyte 2 driver task / Prefect 2-3 flow function run with placeholder
/// inputs (<c>sync</c> or <c>async</c>), once per branch outcome (<see cref="Runs"/>). <see cref="Parallel"/>: the old
/// flow runs independent nodes concurrently (Flyte workflows; Prefect 1 with a parallel executor).
/// </summary>
public sealed record FlowGraph(string Name, string? Variable, string Family, string Kind, string Driver, bool Parallel, IReadOnlyList<GraphRun> Runs);
