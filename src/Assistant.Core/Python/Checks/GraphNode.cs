namespace Assistant.Core.Python.Checks;

/// <summary>
/// One task call of a flow: <see cref="Id"/> is the task name (<c>name#2</c> for its second call);
/// <see cref="Inputs"/> maps each parameter to the nodes (or <c>input:&lt;flow parameter&gt;</c>) its value came from;
/// <see cref="After"/> is explicit ordering (<c>&gt;&gt;</c>, <c>upstream_tasks</c>, <c>set_upstream</c>, <c>wait_for</c>);
/// <see cref="Start"/>/<see cref="End"/> are ticks of the run's logical clock (<see cref="End"/> null: never waited for).
/// <see cref="Kind"/> is <c>call</c>, <c>coroutine</c>, <c>submit</c> or <c>map</c>.
/// </summary>
public sealed record GraphNode(
    string Id,
    string Task,
    string Kind,
    bool Mapped,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs,
    IReadOnlyList<string> After,
    IReadOnlyList<string> Control)
{
    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Start { get; init; }

    public int? End { get; init; }

    /// <summary>A coroutine that was awaited (null for other kinds).</summary>
    public bool? Awaited { get; init; }

    /// <summary>A future whose result was waited for or handed on (null for other kinds).</summary>
    public bool? Resolved { get; init; }

    /// <summary>The Prefect 1 case arms the call was made in, as <c>sources|True</c> or <c>sources|False</c> (cases on a boolean only).</summary>
    public IReadOnlyList<string> Arms { get; init; } = [];
}
