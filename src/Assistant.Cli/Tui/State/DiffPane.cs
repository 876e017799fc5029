namespace Assistant.Cli.Tui.State;

/// <summary>The rows of one diff layout (unified or side by side), where each hunk starts, and the row of each change's annotation.</summary>
internal sealed record DiffPane(IReadOnlyList<DiffRow> Rows, IReadOnlyList<int> HunkStarts, IReadOnlyDictionary<int, int> ChangeRows)
{
    public int HunkAt(int row) => HunkStarts.Count == 0 ? 0 : Math.Max(0, HunkStarts.Count(start => start <= row) - 1);
}
