namespace Assistant.Core.Python.Checks;

/// <summary>
/// One difference between the old and the new flow's calls. <see cref="Kind"/>: <c>dropped-call</c>, <c>added-call</c>,
/// <c>changed-input</c>, <c>changed-mapping</c>, <c>lost-ordering</c>, <c>unawaited-coroutine</c>, <c>unresolved-future</c>
/// (failures), <c>lost-parallelism</c> and <c>not-compared</c> (warnings).
/// </summary>
public sealed record GraphFinding(string Flow, string Kind, bool IsFailure, string Message)
{
    /// <summary>Where in the new code (relative path), when known.</summary>
    public string? File { get; init; }

    public int? Line { get; init; }

    public override string ToString() => $"{Flow}: {Kind}: {Message}";
}
