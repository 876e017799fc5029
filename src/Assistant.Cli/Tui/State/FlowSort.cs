namespace Assistant.Cli.Tui.State;

internal enum FlowSort
{
    /// <summary>In progress first, then not started, committed, merged, skipped, migrated outside; by file within a state.</summary>
    State,
    File,
}
