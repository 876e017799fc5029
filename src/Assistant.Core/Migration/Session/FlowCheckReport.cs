namespace Assistant.Core.Migration.Session;

/// <summary>The import and behaviour checks of a flow's converted code; <see cref="Passed"/> when nothing is an error.</summary>
public sealed record FlowCheckReport(bool Passed, IReadOnlyList<CheckFinding> Findings, TimeSpan Elapsed)
{
    /// <summary>Which packages stood in for the target framework ("stand-in from the API manifest" or "installed flyte 2.x").</summary>
    public string? Environment { get; init; }

    /// <summary>What the old and new code declare, setting by setting (empty when the behaviour check did not run).</summary>
    public IReadOnlyList<BehaviourLine> Behaviour { get; init; } = [];

    /// <summary>The old and new flows' calls compared (empty when the behaviour check did not run or found nothing).</summary>
    public IReadOnlyList<GraphLine> Graph { get; init; } = [];
}
