using System.Collections.Immutable;

namespace Assistant.Core.Source;

/// <summary>
/// A set of non-overlapping edits to one text, applied in a single pass. Text outside the edits
/// is copied unchanged, unit for unit (line endings, tabs, trailing blanks, comments). Two
/// insertions at the same position are kept in the order they were added.
/// </summary>
public sealed class EditSet
{
    private readonly ImmutableArray<TextEdit> _edits;

    private EditSet(ImmutableArray<TextEdit> sorted) => _edits = sorted;

    public static EditSet Empty { get; } = new(ImmutableArray<TextEdit>.Empty);

    public IReadOnlyList<TextEdit> Edits => _edits;

    public bool IsEmpty => _edits.IsEmpty;

    /// <summary>Builds a set, throwing <see cref="OverlappingEditsException"/> when two edits overlap.</summary>
    public static EditSet Create(IEnumerable<TextEdit> edits)
    {
        var sorted = Sorted(edits);
        return FirstOverlap(sorted) is { } i ? throw new OverlappingEditsException(sorted[i - 1], sorted[i]) : new EditSet(ImmutableArray.Create(sorted));
    }

    /// <summary>Builds a set, or null when two edits overlap (for callers that try many candidate sets).</summary>
    internal static EditSet? TryCreate(IEnumerable<TextEdit> edits)
    {
        var sorted = Sorted(edits);
        return FirstOverlap(sorted) is null ? new EditSet(ImmutableArray.Create(sorted)) : null;
    }

    /// <summary>
    /// Builds the set of several findings' edits, where two findings may share a replacement: a shareable replacement of a
    /// non-empty span that appears more than once with the same new text is applied once (<see cref="TextEdit.IsSharedWith"/>). Any other overlap
    /// throws <see cref="OverlappingEditsException"/>, as in <see cref="Create"/>.
    /// </summary>
    public static EditSet Union(IEnumerable<TextEdit> edits)
    {
        var sorted = Sorted(edits);
        var kept = new List<TextEdit>(sorted.Length);
        foreach (var edit in sorted)
        {
            if (kept.Count > 0 && kept[^1].IsSharedWith(edit))
            {
                continue;
            }

            if (kept.Count > 0 && Overlaps(kept[^1], edit))
            {
                throw new OverlappingEditsException(kept[^1], edit);
            }

            kept.Add(edit);
        }

        return new EditSet([.. kept]);
    }

    /// <summary>True when <paramref name="edit"/> overlaps none of <paramref name="edits"/> except where it is a replacement
    /// they share (<see cref="TextEdit.IsSharedWith"/>): it could join their <see cref="Union"/>.</summary>
    internal static bool ComposesWith(IReadOnlyList<TextEdit> edits, TextEdit edit)
    {
        for (var i = 0; i < edits.Count; i++)
        {
            if (!edits[i].IsSharedWith(edit) && (Overlaps(edits[i], edit) || Overlaps(edit, edits[i])))
            {
                return false;
            }
        }

        return true;
    }

    // By start; at one start insertions before replacements; otherwise in the order given (a stable sort).
    private static TextEdit[] Sorted(IEnumerable<TextEdit> edits)
    {
        var array = edits.ToArray();
        if (array.Length < 2)
        {
            return array;
        }

        var order = new int[array.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byStart = array[a].Span.Start.CompareTo(array[b].Span.Start);
            if (byStart != 0)
            {
                return byStart;
            }

            var byKind = (array[a].Span.IsEmpty ? 0 : 1).CompareTo(array[b].Span.IsEmpty ? 0 : 1);
            return byKind != 0 ? byKind : a.CompareTo(b);
        });
        var sorted = new TextEdit[array.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = array[order[i]];
        }

        return sorted;
    }

    private static int? FirstOverlap(TextEdit[] sorted)
    {
        for (var i = 1; i < sorted.Length; i++)
        {
            if (Overlaps(sorted[i - 1], sorted[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="edit"/> could join this set without overlapping.</summary>
    public bool CanAdd(TextEdit edit) => OverlapsNone(_edits, edit);

    /// <summary>True when <paramref name="edit"/> overlaps none of <paramref name="edits"/>, whichever comes first.</summary>
    internal static bool OverlapsNone(IReadOnlyList<TextEdit> edits, TextEdit edit)
    {
        for (var i = 0; i < edits.Count; i++)
        {
            if (Overlaps(edits[i], edit) || Overlaps(edit, edits[i]))
            {
                return false;
            }
        }

        return true;
    }

    public EditSet With(TextEdit edit) => Create(_edits.Append(edit));

    public EditSet With(IEnumerable<TextEdit> edits) => Create(_edits.Concat(edits));

    public string ApplyTo(string text)
    {
        if (_edits.IsEmpty)
        {
            return text;
        }

        if (_edits[^1].Span.End > text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(text), $"Edit {_edits[^1]} is past the end of a text of length {text.Length}.");
        }

        var length = text.Length;
        foreach (var edit in _edits)
        {
            length += edit.NewText.Length - edit.Span.Length;
        }

        // Written in place: no builder buffer beside the result (modules are rewritten every pass).
        return string.Create(length, (Text: text, Edits: _edits), static (result, state) =>
        {
            var position = 0;
            var written = 0;
            foreach (var edit in state.Edits)
            {
                var kept = state.Text.AsSpan(position, edit.Span.Start - position);
                kept.CopyTo(result[written..]);
                written += kept.Length;
                edit.NewText.CopyTo(result[written..]);
                written += edit.NewText.Length;
                position = edit.Span.End;
            }

            state.Text.AsSpan(position).CopyTo(result[written..]);
        });
    }

    // Sorted a-before-b: a replacement ending where an insertion starts is fine; an insertion
    // strictly inside a replaced range is not; two insertions at one point are ordered, not overlapping.
    private static bool Overlaps(TextEdit a, TextEdit b)
    {
        if (a.Span.IsEmpty && b.Span.IsEmpty)
        {
            return false;
        }

        if (a.Span.IsEmpty)
        {
            return b.Span.Start < a.Span.Start && a.Span.Start < b.Span.End;
        }

        if (b.Span.IsEmpty)
        {
            return a.Span.Start < b.Span.Start && b.Span.Start < a.Span.End;
        }

        return a.Span.Start < b.Span.End && b.Span.Start < a.Span.End;
    }
}
