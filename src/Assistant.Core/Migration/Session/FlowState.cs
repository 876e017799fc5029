namespace Assistant.Core.Migration.Session;

/// <summary>Where a flow stands. Wire names: not-started, in-progress, committed, merged, skipped, migrated-outside.</summary>
public enum FlowState
{
    NotStarted,
    InProgress,
    Committed,
    Merged,
    Skipped,
    MigratedOutside,
}
