namespace Assistant.Core.Migration.Session;

/// <summary>
/// One row of <c>status</c> and of the wizard's overview. <see cref="Step"/> is the 1-based index of
/// the next step to do when in progress (null otherwise); <see cref="Todos"/> counts the TODO markers
/// on the flow's branch (or in the base when merged).
/// </summary>
public sealed record FlowStatus(
    string Id,
    string Name,
    string Framework,
    string File,
    int TaskCount,
    FlowState State,
    int? Step,
    int StepCount,
    string? Branch,
    int Todos)
{
    /// <summary>The base moved on since the branch was made: re-planning will show only new changes.</summary>
    public bool IsBehindBase { get; init; }

    /// <summary>Something the user should know (branch rewritten, branch not made by flowmigrate…).</summary>
    public string? Note { get; init; }
}
