using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>
/// The open flow: the engine's snapshot, its diff laid out, the first visible diff row, the current hunk
/// (for <c>n</c>/<c>p</c>), the selected change (for <c>space</c>) and the diff layout.
/// </summary>
internal sealed record WizardState(WizardSnapshot Snapshot, DiffDocument Diff)
{
    public int Scroll { get; init; }

    public int Hunk { get; init; }

    public int SelectedChange { get; init; }

    public bool SideBySide { get; init; }

    public DiffPane Pane => Diff.Pane(SideBySide);

    public StepPreview? Preview => Snapshot.Current;

    public ProposedChange? Change => Preview?.Changes.ElementAtOrDefault(SelectedChange);

    /// <summary>The file <c>e</c> opens: the selected change's file, else the first changed file.</summary>
    public string? EditTarget =>
        Preview is null ? null
        : Change is { } change && Preview.Files.Any(f => f.Path == change.File) ? change.File
        : Preview.Files.FirstOrDefault(f => f.IsChanged)?.Path ?? Preview.Files.FirstOrDefault()?.Path;

    public static WizardState Open(WizardSnapshot snapshot) => new(snapshot, DiffDocument.From(snapshot.Current));

    /// <summary>The engine moved (toggle, edit, accept): keep the layout, and the position when it is the same step.</summary>
    public WizardState With(WizardSnapshot snapshot, int viewport)
    {
        var sameStep = snapshot.Current?.Step.Step.Id == Preview?.Step.Step.Id;
        var next = new WizardState(snapshot, DiffDocument.From(snapshot.Current)) { SideBySide = SideBySide };
        return sameStep
            ? (next with { SelectedChange = Math.Min(SelectedChange, Math.Max(0, (snapshot.Current?.Changes.Count ?? 1) - 1)) }).ScrollTo(Scroll, viewport)
            : next;
    }

    public int MaxScroll(int viewport) => Math.Max(0, Pane.Rows.Count - viewport);

    public WizardState ScrollTo(int row, int viewport)
    {
        var scroll = Math.Clamp(row, 0, MaxScroll(viewport));
        return this with { Scroll = scroll, Hunk = Pane.HunkAt(scroll) };
    }

    public WizardState ScrollBy(int delta, int viewport) => ScrollTo(Scroll + delta, viewport);

    public WizardState JumpHunk(int delta, int viewport)
    {
        if (Pane.HunkStarts.Count == 0)
        {
            return this;
        }

        var hunk = Math.Clamp(Hunk + delta, 0, Pane.HunkStarts.Count - 1);
        var first = Diff.ChangeHunks.ToList().IndexOf(hunk);
        return (this with { SelectedChange = first < 0 ? SelectedChange : first }).ScrollTo(Pane.HunkStarts[hunk], viewport) with { Hunk = hunk };
    }

    public WizardState SelectChange(int index, int viewport)
    {
        var count = Preview?.Changes.Count ?? 0;
        if (count == 0)
        {
            return this;
        }

        var selected = Math.Clamp(index, 0, count - 1);
        var next = this with { SelectedChange = selected };
        if (!Pane.ChangeRows.TryGetValue(selected, out var row) || (row >= Scroll && row < Scroll + viewport))
        {
            return next;
        }

        // Show the change's hunk from its start when it fits, else put the annotation on the last visible row.
        var hunk = Diff.ChangeHunks[selected];
        var start = hunk >= 0 && row - Pane.HunkStarts[hunk] < viewport ? Pane.HunkStarts[hunk] : row - viewport + 1;
        return next.ScrollTo(start, viewport);
    }

    public WizardState ToggleLayout(int viewport)
    {
        var hunk = Hunk;
        var next = this with { SideBySide = !SideBySide };
        return next.Pane.HunkStarts.Count > hunk ? next.ScrollTo(next.Pane.HunkStarts[hunk], viewport) with { Hunk = hunk } : next.ScrollTo(0, viewport);
    }
}
