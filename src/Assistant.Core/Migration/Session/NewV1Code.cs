namespace Assistant.Core.Migration.Session;

/// <summary>
/// Flyte 1 / Prefect 1 code added after the migration started (<see cref="Start"/>; null when no migration started,
/// and then nothing is new): <see cref="Flows"/> are the ids of flows whose definition did not exist at the start,
/// <see cref="Files"/> the framework-1 files that did not exist there or did not use the framework then (repo-relative,
/// ordinal order).
/// </summary>
public sealed record NewV1Code(MigrationStart? Start, IReadOnlySet<string> Flows, IReadOnlyList<string> Files)
{
    /// <summary>Why nothing could be said about new code although the migration started (e.g. the disk is full), or null.</summary>
    public string? Problem { get; init; }

    public static NewV1Code None { get; } = new(null, new HashSet<string>(StringComparer.Ordinal), []);

    public bool IsNew(string flowId) => Flows.Contains(flowId);
}
