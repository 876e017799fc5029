namespace Assistant.Core.Source.Diff;

/// <summary>The line differences between two texts, grouped into hunks with context.</summary>
public sealed record TextDiff(IReadOnlyList<DiffHunk> Hunks)
{
    public bool IsEmpty => Hunks.Count == 0;

    public int Added => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Added));

    public int Removed => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Removed));
}
