namespace Assistant.Cli.Tui.State;

/// <summary>One row of the diff pane. Line numbers are 1-based; <see cref="Change"/> indexes <c>StepPreview.Changes</c>.</summary>
internal sealed record DiffRow(DiffRowKind Kind, string Text, int? OldNumber = null, int? NewNumber = null)
{
    public int? Change { get; init; }

    public DiffCell? Left { get; init; }

    public DiffCell? Right { get; init; }
}
