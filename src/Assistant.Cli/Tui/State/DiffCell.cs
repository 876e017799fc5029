using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Tui.State;

/// <summary>One side of a side-by-side row.</summary>
internal sealed record DiffCell(DiffLineKind Kind, int Number, string Text);
