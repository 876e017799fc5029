namespace Assistant.Cli.Tui.State;

internal enum DiffRowKind
{
    File,
    Hunk,
    Context,
    Removed,
    Added,

    /// <summary>A side-by-side row: <see cref="DiffRow.Left"/> (old) beside <see cref="DiffRow.Right"/> (new).</summary>
    Pair,

    /// <summary>The annotation of one proposed change: rule id, safety, reason (<see cref="DiffRow.Change"/>).</summary>
    Change,
}
