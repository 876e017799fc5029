namespace Assistant.Core.Migration.Session;

/// <summary>The content of the local cache; every collection is keyed by flow id.</summary>
public sealed record CacheData
{
    public int Version { get; init; } = 1;

    /// <summary>Steps skipped per flow that no commit records yet.</summary>
    public Dictionary<string, List<string>> SkippedSteps { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Changes turned off in the step currently being decided, per flow.</summary>
    public Dictionary<string, List<string>> DisabledChanges { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Branches flowmigrate created and the commit each started at: a branch with no commits of its
    /// own is only taken for flowmigrate's when listed here (or checked out in its worktree).</summary>
    public Dictionary<string, string> CreatedBranches { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Rules accepted for every flow (the wizard's <c>R</c>), per flow that had their changes: applied whatever the
    /// safety limit, kept by "accept all safe", and named in the trailers of the commit that applies them.</summary>
    public Dictionary<string, List<string>> AcceptedRules { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Flows the user chose not to migrate.</summary>
    public List<string> SkippedFlows { get; init; } = [];
}
