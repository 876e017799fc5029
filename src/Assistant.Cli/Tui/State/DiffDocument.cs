using Assistant.Core.Migration.Planning;
using Assistant.Core.Migration.Session;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Tui.State;

/// <summary>
/// A step preview laid out as diff rows (computed with <see cref="TextDiffer"/>), in both layouts. Each change is
/// annotated under the hunk that holds its line; changes that are turned off (so not in the diff) and changes
/// outside any hunk are listed at the end of their file.
/// </summary>
internal sealed record DiffDocument(DiffPane Unified, DiffPane SideBySide, IReadOnlyList<int> ChangeHunks)
{
    public static DiffDocument Empty { get; } = new(new DiffPane([], [], new Dictionary<int, int>()), new DiffPane([], [], new Dictionary<int, int>()), []);

    public int HunkCount => Unified.HunkStarts.Count;

    public DiffPane Pane(bool sideBySide) => sideBySide ? SideBySide : Unified;

    public static DiffDocument From(StepPreview? preview)
    {
        if (preview is null)
        {
            return Empty;
        }

        var files = preview.Files.Where(f => f.IsChanged)
            .Concat(preview.Outcome.Generated.Select(g => new FileChange(g.Path, string.Empty, g.Text)))
            .ToList();
        var unified = new Builder();
        var split = new Builder();
        var changeHunks = Enumerable.Repeat(-1, preview.Changes.Count).ToList();
        var hunk = 0;
        foreach (var file in files)
        {
            var diff = file.Diff();
            var title = $"{file.Path}{(file.Before.Length == 0 ? " (new)" : string.Empty)}  +{diff.Added} −{diff.Removed}";
            unified.Add(new DiffRow(DiffRowKind.File, title));
            split.Add(new DiffRow(DiffRowKind.File, title));
            var placed = new HashSet<int>();
            var firstOfFile = true;
            foreach (var h in diff.Hunks)
            {
                // The first hunk of a file starts at the file's title row, so a hunk jump shows which file it is in.
                unified.StartHunk(firstOfFile ? 1 : 0);
                split.StartHunk(firstOfFile ? 1 : 0);
                firstOfFile = false;
                unified.Add(new DiffRow(DiffRowKind.Hunk, h.Header));
                split.Add(new DiffRow(DiffRowKind.Hunk, h.Header));
                foreach (var line in h.Lines)
                {
                    unified.Add(new DiffRow(Kind(line.Kind), line.Text, line.OldNumber, line.NewNumber));
                }

                foreach (var row in Pairs(h.Lines))
                {
                    split.Add(row);
                }

                for (var i = 0; i < preview.Changes.Count; i++)
                {
                    var change = preview.Changes[i];
                    if (change.File == file.Path && change.IsEnabled && InHunk(change.Line, h) && placed.Add(i))
                    {
                        changeHunks[i] = hunk;
                        unified.AddChange(i);
                        split.AddChange(i);
                    }
                }

                hunk++;
            }

            for (var i = 0; i < preview.Changes.Count; i++)
            {
                if (preview.Changes[i].File == file.Path && !placed.Contains(i))
                {
                    unified.AddChange(i);
                    split.AddChange(i);
                }
            }
        }

        var shown = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < preview.Changes.Count; i++)
        {
            if (!shown.Contains(preview.Changes[i].File))
            {
                unified.AddChange(i);
                split.AddChange(i);
            }
        }

        return new DiffDocument(unified.Build(), split.Build(), changeHunks);
    }

    private static bool InHunk(int line, DiffHunk hunk) => line >= hunk.OldStart && line < hunk.OldStart + Math.Max(1, hunk.OldCount);

    private static DiffRowKind Kind(DiffLineKind kind) => kind switch
    {
        DiffLineKind.Added => DiffRowKind.Added,
        DiffLineKind.Removed => DiffRowKind.Removed,
        _ => DiffRowKind.Context,
    };

    // Removed lines and the added lines that follow them share rows, like a side-by-side diff tool.
    private static IEnumerable<DiffRow> Pairs(IReadOnlyList<DiffLine> lines)
    {
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind == DiffLineKind.Context)
            {
                var line = lines[i++];
                yield return new DiffRow(DiffRowKind.Pair, line.Text, line.OldNumber, line.NewNumber)
                {
                    Left = new DiffCell(DiffLineKind.Context, line.OldNumber!.Value, line.Text),
                    Right = new DiffCell(DiffLineKind.Context, line.NewNumber!.Value, line.Text),
                };
                continue;
            }

            var removed = new List<DiffLine>();
            var added = new List<DiffLine>();
            while (i < lines.Count && lines[i].Kind == DiffLineKind.Removed)
            {
                removed.Add(lines[i++]);
            }

            while (i < lines.Count && lines[i].Kind == DiffLineKind.Added)
            {
                added.Add(lines[i++]);
            }

            for (var j = 0; j < Math.Max(removed.Count, added.Count); j++)
            {
                var left = j < removed.Count ? new DiffCell(DiffLineKind.Removed, removed[j].OldNumber!.Value, removed[j].Text) : null;
                var right = j < added.Count ? new DiffCell(DiffLineKind.Added, added[j].NewNumber!.Value, added[j].Text) : null;
                yield return new DiffRow(DiffRowKind.Pair, string.Empty) { Left = left, Right = right };
            }
        }
    }

    private sealed class Builder
    {
        private readonly List<DiffRow> _rows = [];
        private readonly List<int> _hunks = [];
        private readonly Dictionary<int, int> _changes = [];

        public void Add(DiffRow row) => _rows.Add(row);

        public void StartHunk(int rowsBefore) => _hunks.Add(_rows.Count - rowsBefore);

        public void AddChange(int change)
        {
            _changes[change] = _rows.Count;
            _rows.Add(new DiffRow(DiffRowKind.Change, string.Empty) { Change = change });
        }

        public DiffPane Build() => new(_rows, _hunks, _changes);
    }
}
