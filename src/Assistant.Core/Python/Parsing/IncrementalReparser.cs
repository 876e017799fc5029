using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The module after edits, parsed again only where the edits are: the text is cut at the lines where top-level statements
/// begin, and a stretch of lines no edit touches holds the same statements and comments after the edits, only moved, so
/// they are copied from the old tree (<see cref="SyntaxNode.Shifted"/>); the stretches the edits touch are parsed as modules
/// of their own (<see cref="InProcessParser.TryParseLines"/>), at their place in the new text. A rule pass usually edits a
/// few statements of a module (its imports, a decorator), so most of a re-parse is a copy.
/// Null whenever the pieces might not make the tree a parse of the whole text gives: a touched stretch that the in-process
/// parser leaves to the worker or that does not end where the next untouched statement begins (a bracket, a string or a
/// backslash continued into it, or its line end removed), an indented first line (it would continue the statement before),
/// or a module whose comments were not collected. The caller parses the whole text then.
/// </summary>
internal static class IncrementalReparser
{
    /// <summary><paramref name="previous"/>'s text with <paramref name="edits"/> applied (<paramref name="text"/>), parsed, or null.</summary>
    public static PythonModule? TryReparse(PythonModule previous, EditSet edits, string text)
    {
        if (edits.IsEmpty || !previous.CommentsCollected || previous.Body.Count == 0)
        {
            return null;
        }

        var starts = Cut(previous);
        var touched = Touched(starts, edits.Edits);
        var anyDecoratorsOnly = DecoratorsOnly(previous, starts, edits.Edits, touched, out var decoratorsOnly);
        if (Array.TrueForAll(touched, t => t) && !anyDecoratorsOnly)
        {
            // Nothing to copy: the whole text is parsed anyway.
            return null;
        }

        var body = new List<SyntaxNode?>(previous.Body.Count + 4);
        var comments = new List<Comment>(previous.Comments.Count + 4);
        var statements = previous.Body;
        var nextStatement = 0;
        var nextComment = 0;
        var nextEdit = 0;
        var delta = 0;
        var unit = 0;
        while (unit < starts.Length)
        {
            var start = starts[unit];
            var last = unit;
            while (!decoratorsOnly[unit] && last + 1 < starts.Length && touched[last + 1] == touched[unit] && !decoratorsOnly[last + 1])
            {
                last++;
            }

            var end = last + 1 < starts.Length ? starts[last + 1] : previous.Text.Length;
            // The edits of this stretch change the offsets of everything after it (no edit reaches across a stretch's edge;
            // insertions at the very end belong to the last stretch).
            var stretchDelta = 0;
            while (nextEdit < edits.Edits.Count && (edits.Edits[nextEdit].Span.Start < end || end == previous.Text.Length))
            {
                stretchDelta += edits.Edits[nextEdit].NewText.Length - edits.Edits[nextEdit].Span.Length;
                nextEdit++;
            }

            if (decoratorsOnly[unit] && Redecorate(statements[nextStatement], text, start + delta, delta + stretchDelta, body, comments))
            {
                nextStatement++;
                var definitionStart = statements[nextStatement - 1].Span.Start;
                var shift = delta + stretchDelta;
                while (nextComment < previous.Comments.Count && previous.Comments[nextComment].Span.Start < end)
                {
                    var comment = previous.Comments[nextComment++];
                    if (comment.Span.Start >= definitionStart)
                    {
                        comments.Add(shift == 0 ? comment : comment with { Span = new TextSpan(comment.Span.Start + shift, comment.Span.End + shift) });
                    }
                }
            }
            else if (touched[unit])
            {
                if (!Parse(text, start + delta, end + delta + stretchDelta, body, comments))
                {
                    return null;
                }

                while (nextStatement < statements.Count && StatementStart(statements[nextStatement]) < end)
                {
                    nextStatement++;
                }

                while (nextComment < previous.Comments.Count && previous.Comments[nextComment].Span.Start < end)
                {
                    nextComment++;
                }
            }
            else
            {
                var shift = new PositionShift(delta);
                while (nextStatement < statements.Count && StatementStart(statements[nextStatement]) < end)
                {
                    body.Add(statements[nextStatement].Shifted(shift));
                    nextStatement++;
                }

                while (nextComment < previous.Comments.Count && previous.Comments[nextComment].Span.Start < end)
                {
                    var comment = previous.Comments[nextComment++];
                    comments.Add(delta == 0 ? comment : comment with { Span = new TextSpan(comment.Span.Start + delta, comment.Span.End + delta) });
                }
            }

            delta += stretchDelta;
            unit = last + 1;
        }

        var root = SyntaxNodeBuilder.Positionless("Module", ("body", body), ("type_ignores", null));
        return new PythonModule(previous.Path, text, previous.Encoding, root, comments) { CommentsCollected = true };
    }

    // Where each unit begins: the line start of a top-level statement (of its first decorator); a statement that does not begin
    // its line (after a semicolon) stays in the unit before, and the first unit begins at 0 (with the comments and blank lines
    // before the first statement).
    private static int[] Cut(PythonModule module)
    {
        var lines = module.Lines;
        var text = module.Text;
        var starts = new List<int>(module.Body.Count) { 0 };
        foreach (var statement in module.Body)
        {
            var first = StatementStart(statement);
            var lineStart = lines.LineStart(lines.LineOf(first));
            var beginsLine = first != statement.Span.Start ? text[lineStart] == '@' && lineStart < first : lineStart == first;
            if (beginsLine && lineStart > starts[^1])
            {
                starts.Add(lineStart);
            }
        }

        return starts.ToArray();
    }

    // Which units hold one decorated definition whose decorators alone the edits change: every edit of the unit lies in its
    // lines before the `def`/`class` line (none reaches in from the unit before, none is an insertion at the unit's start, which
    // might continue the unit before). Such a unit's decorators are parsed again, and the rest of the definition only moves.
    private static bool DecoratorsOnly(PythonModule module, int[] starts, IReadOnlyList<TextEdit> edits, bool[] touched, out bool[] decoratorsOnly)
    {
        decoratorsOnly = new bool[starts.Length];
        var any = false;
        var nextEdit = 0;
        var nextStatement = 0;
        var statements = module.Body;
        for (var unit = 0; unit < starts.Length; unit++)
        {
            var start = starts[unit];
            var end = unit + 1 < starts.Length ? starts[unit + 1] : module.Text.Length;
            var first = nextStatement;
            while (nextStatement < statements.Count && StatementStart(statements[nextStatement]) < end)
            {
                nextStatement++;
            }

            var firstEdit = nextEdit;
            while (nextEdit < edits.Count && (edits[nextEdit].Span.Start < end || unit + 1 == starts.Length))
            {
                nextEdit++;
            }

            // An insertion at the next unit's start may continue this one: the two are parsed together then.
            if (!touched[unit] || nextStatement - first != 1 || firstEdit == nextEdit
                || (nextEdit < edits.Count && edits[nextEdit].Span.IsEmpty && edits[nextEdit].Span.Start == end))
            {
                continue;
            }

            var statement = statements[first];
            var definition = statement.Span.Start;
            if (statement.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef") || statement.Children("decorator_list").Count == 0
                || definition <= start || module.Lines.LineStart(module.Lines.LineOf(definition)) != definition
                || (firstEdit > 0 && edits[firstEdit - 1].Span.End > start))
            {
                continue;
            }

            var inside = true;
            for (var i = firstEdit; i < nextEdit && inside; i++)
            {
                var span = edits[i].Span;
                inside = span.Start >= start && span.End <= definition && !(span.IsEmpty && (span.Start == start || span.Start == definition));
            }

            decoratorsOnly[unit] = inside;
            any |= inside;
        }

        return any;
    }

    // The definition with the decorators of the new text's lines [start, start + definition's old offset + shift) and the rest
    // of it moved by shift; false (nothing added) when those lines are not only decorators that parse on their own.
    private static bool Redecorate(SyntaxNode definition, string text, int start, int shift, List<SyntaxNode?> body, List<Comment> comments)
    {
        var end = definition.Span.Start + shift;
        if (end <= start || !EndsLineCleanly(text, start, end))
        {
            return false;
        }

        var found = new List<Comment>();
        if (InProcessParser.TryParseDecorators(text, start, end, found) is not { Length: > 0 } decorators)
        {
            return false;
        }

        body.Add(definition.ShiftedReplacing(new PositionShift(shift), "decorator_list", decorators));
        comments.AddRange(found);
        return true;
    }

    // A statement begins at its first decorator (CPython's position of a decorated definition is that of `def` or `class`).
    private static int StatementStart(SyntaxNode statement) =>
        statement.Children("decorator_list") is { Count: > 0 } decorators ? Math.Min(statement.Span.Start, decorators[0].Span.Start) : statement.Span.Start;

    // Which units an edit touches: those its span overlaps, and for an insertion, the unit it is in and, at a unit's start,
    // the one before (the inserted text may continue either).
    private static bool[] Touched(int[] starts, IReadOnlyList<TextEdit> edits)
    {
        var touched = new bool[starts.Length];
        foreach (var edit in edits)
        {
            var first = UnitAt(starts, edit.Span.Start);
            if (edit.Span.IsEmpty)
            {
                touched[first] = true;
                if (first > 0 && starts[first] == edit.Span.Start)
                {
                    touched[first - 1] = true;
                }

                continue;
            }

            var last = UnitAt(starts, edit.Span.End - 1);
            for (var unit = first; unit <= last; unit++)
            {
                touched[unit] = true;
            }
        }

        return touched;
    }

    // The unit holding the position: the last whose start is at or before it.
    private static int UnitAt(int[] starts, int position)
    {
        var index = Array.BinarySearch(starts, position);
        return index >= 0 ? index : Math.Max(0, ~index - 1);
    }

    // Parses text[start..end) as a module of its own into body and comments; false when it might not be the whole text's parse.
    private static bool Parse(string text, int start, int end, List<SyntaxNode?> body, List<Comment> comments)
    {
        if (end < text.Length && !EndsLineCleanly(text, start, end))
        {
            return false;
        }

        if (start == end)
        {
            return true;
        }

        if (InProcessParser.TryParseLines(text, start, end, comments: true) is not var (module, found))
        {
            return false;
        }

        body.AddRange(module.Children("body"));
        comments.AddRange(found);
        return true;
    }

    // The stretch must end a line, and not with a backslash that would continue it into the next statement.
    private static bool EndsLineCleanly(string text, int start, int end)
    {
        if (end == start)
        {
            return end == 0 || text[end - 1] == '\n';
        }

        if (text[end - 1] != '\n')
        {
            return false;
        }

        var before = end - 2;
        if (before >= start && text[before] == '\r')
        {
            before--;
        }

        return before < start || text[before] != '\\';
    }
}
