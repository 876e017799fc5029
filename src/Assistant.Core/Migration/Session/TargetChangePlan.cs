namespace Assistant.Core.Migration.Session;

/// <summary>
/// What changing the Prefect target from <paramref name="From"/> to <paramref name="To"/> does to the Prefect flows (names):
/// <paramref name="Replanned"/> (not started: planned for the new target), <paramref name="Kept"/> (committed, merged, skipped or
/// migrated outside: their branches stay as they are) and <paramref name="Blocking"/> (in progress on the current target:
/// switching would mix two targets on one branch, so they must be finished or abandoned first).
/// </summary>
public sealed record TargetChangePlan(string From, string To, IReadOnlyList<string> Replanned, IReadOnlyList<string> Kept, IReadOnlyList<string> Blocking)
{
    public bool CanChange => Blocking.Count == 0 && From != To;

    /// <summary>Why the change cannot be made now, in one line; null when it can.</summary>
    public string? Refusal =>
        From == To ? $"the Prefect target is already {To}"
        : Blocking.Count == 0 ? null
        : $"cannot switch to {To}: {string.Join(", ", Blocking)} {(Blocking.Count == 1 ? "is" : "are")} in progress on {From}; "
          + "finish or abandon (flowmigrate abandon FLOW) first — nothing was changed";
}
