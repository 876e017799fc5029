using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// Removes items from a comma-separated list (call arguments, import names, list elements) with
/// the smallest edits: an item alone on its lines loses those lines (with its trailing comment and
/// the standalone comment lines right above it); an inline item loses itself and one comma.
/// </summary>
public static class ListItems
{
    /// <summary>Edits removing <paramref name="remove"/> (a subset of <paramref name="items"/>, which are in source order).</summary>
    public static IReadOnlyList<TextEdit> Remove(PythonModule module, IReadOnlyList<SyntaxNode> items, IEnumerable<SyntaxNode> remove)
    {
        var removed = remove.ToHashSet();
        var edits = new List<TextEdit>();
        var index = 0;
        while (index < items.Count)
        {
            if (!removed.Contains(items[index]))
            {
                index++;
                continue;
            }

            var first = index;
            while (index + 1 < items.Count && removed.Contains(items[index + 1]))
            {
                index++;
            }

            var last = index;
            index++;
            var lineSpans = Enumerable.Range(first, last - first + 1).Select(i => SourceText.WholeLines(module, items[i].Span)).ToList();
            // Whole lines only inside brackets: after a backslash continuation the line break is part of the statement.
            if (lineSpans.All(s => s is not null) && (first > 0 || last + 1 < items.Count) && !ContinuedFromLineAbove(module, items[first].Span.Start))
            {
                foreach (var span in lineSpans)
                {
                    edits.Add(TextEdit.Delete(WithCommentsAbove(module, span!.Value)));
                }

                continue;
            }

            if (last + 1 < items.Count)
            {
                edits.Add(TextEdit.Delete(new TextSpan(items[first].Span.Start, items[last + 1].Span.Start)));
            }
            else if (first > 0)
            {
                edits.Add(TextEdit.Delete(new TextSpan(items[first - 1].Span.End, items[last].Span.End)));
            }
            else
            {
                // Every item goes: so does a trailing comma, which may not stand alone (`f(,)`).
                edits.Add(TextEdit.Delete(new TextSpan(items[first].Span.Start, TrailingCommaEnd(module.Text, items[last].Span.End))));
            }
        }

        return MergeAdjacent(edits);
    }

    /// <summary>The standalone comment lines directly above <paramref name="lines"/> (a span of whole lines), joined to it.</summary>
    public static TextSpan WithCommentsAbove(PythonModule module, TextSpan lines)
    {
        var start = lines.Start;
        var line = module.Lines.LineOf(start);
        while (line > 1)
        {
            var previous = module.Lines.LineSpan(line - 1);
            if (!module.GetText(previous).TrimStart().StartsWith('#'))
            {
                break;
            }

            start = previous.Start;
            line--;
        }

        return new TextSpan(start, lines.End);
    }

    private static bool ContinuedFromLineAbove(PythonModule module, int position)
    {
        var line = module.Lines.LineOf(position);
        return line > 1 && module.GetText(module.Lines.LineSpan(line - 1)).TrimEnd('\r', '\n', ' ', '\t').EndsWith('\\');
    }

    private static int TrailingCommaEnd(string text, int end)
    {
        var at = end;
        while (at < text.Length && text[at] is ' ' or '\t' or '\r' or '\n' or '\\')
        {
            at++;
        }

        return at < text.Length && text[at] == ',' ? at + 1 : end;
    }

    private static List<TextEdit> MergeAdjacent(List<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Span.Start).ToList();
        var merged = new List<TextEdit>();
        foreach (var edit in sorted)
        {
            if (merged.Count > 0 && merged[^1].Span.End >= edit.Span.Start)
            {
                var previous = merged[^1];
                merged[^1] = TextEdit.Delete(new TextSpan(previous.Span.Start, Math.Max(previous.Span.End, edit.Span.End)));
                continue;
            }

            merged.Add(edit);
        }

        return merged;
    }
}
