using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Line-level helpers over a module's text: indentation, whole-line deletion.</summary>
public static class SourceLines
{
    public static string IndentOf(PythonModule module, int position)
    {
        var line = module.Lines.LineOf(position);
        var start = module.Lines.LineStart(line);
        var end = start;
        while (end < module.Text.Length && module.Text[end] is ' ' or '\t')
        {
            end++;
        }

        return module.Text[start..end];
    }

    /// <summary>The span of the whole lines a statement occupies, including the final line break,
    /// when the statement is alone on them (else just the statement).</summary>
    public static TextSpan WholeLines(PythonModule module, SyntaxNode statement)
    {
        var first = module.Lines.LineOf(statement.Span.Start);
        var last = module.Lines.LineOf(Math.Max(statement.Span.Start, statement.Span.End - 1));
        var start = module.Lines.LineStart(first);
        var end = module.Lines.LineEnd(last);
        var before = module.Text[start..statement.Span.Start];
        var after = module.Text[statement.Span.End..end].TrimEnd('\r', '\n');
        if (before.Trim().Length == 0 && (after.Trim().Length == 0))
        {
            return new TextSpan(start, end);
        }

        return statement.Span;
    }

    /// <summary>Whole lines of a statement, with the flowmigrate TODO markers right above it (they were about it), plus the blank
    /// line above them when a blank line also follows (so deleting it leaves the file's blank-line rhythm as it was).</summary>
    public static TextSpan WholeLinesWithBlankAbove(PythonModule module, SyntaxNode statement) => WholeLinesWithBlankAbove(module, statement, statement);

    /// <summary>The same for a run of consecutive statements, <paramref name="firstStatement"/> to <paramref name="lastStatement"/>,
    /// deleted together (a group of imports between blank lines leaves one blank line, not two).</summary>
    public static TextSpan WholeLinesWithBlankAbove(PythonModule module, SyntaxNode firstStatement, SyntaxNode lastStatement)
    {
        var span = new TextSpan(WholeLines(module, firstStatement).Start, WholeLines(module, lastStatement).End);
        var first = module.Lines.LineOf(span.Start);
        if (span.Start == module.Lines.LineStart(first) && TodoComment.FirstMarkerLineAbove(module.Text, module.Lines, first) is var marked && marked < first)
        {
            (first, span) = (marked, new TextSpan(module.Lines.LineStart(marked), span.End));
        }

        var after = module.Lines.LineOf(Math.Min(span.End, module.Text.Length - 1));
        if (first == 1 && span.End < module.Text.Length && module.Text[module.Lines.LineStart(after)..module.Lines.LineEnd(after)].Trim().Length == 0)
        {
            // The file's first statement: the blank line that separated it goes too, so the file does not start with one.
            return new TextSpan(span.Start, module.Lines.LineEnd(after));
        }

        if (span.Start != module.Lines.LineStart(first) || first <= 1 || span.End >= module.Text.Length)
        {
            return span;
        }

        var previous = module.Text[module.Lines.LineStart(first - 1)..module.Lines.LineEnd(first - 1)];
        var next = module.Text[module.Lines.LineStart(after)..module.Lines.LineEnd(after)];
        return previous.Trim().Length == 0 && next.Trim().Length == 0 ? new TextSpan(module.Lines.LineStart(first - 1), span.End) : span;
    }

    /// <summary>
    /// Deletes whole statements, each with the blank line it would leave extra (<see cref="WholeLinesWithBlankAbove(PythonModule, SyntaxNode)"/>):
    /// statements on consecutive lines go as one run (a blank line, a dict and the call that reads it, a blank line: one blank line
    /// stays, not two), two runs that would claim the same blank line go as one deletion, and one that starts the file takes the
    /// blank lines after it too.
    /// </summary>
    public static IEnumerable<TextEdit> DeleteWholeLines(PythonModule module, IEnumerable<SyntaxNode> statements)
    {
        var runs = new List<(SyntaxNode First, SyntaxNode Last)>();
        foreach (var statement in statements.OrderBy(s => s.Span.Start))
        {
            if (runs.Count > 0 && module.Lines.LineOf(statement.Span.Start) == module.Lines.LineOf(Math.Max(runs[^1].Last.Span.Start, runs[^1].Last.Span.End - 1)) + 1)
            {
                runs[^1] = (runs[^1].First, statement);
            }
            else
            {
                runs.Add((statement, statement));
            }
        }

        var merged = new List<TextSpan>();
        foreach (var span in runs.Select(run => WholeLinesWithBlankAbove(module, run.First, run.Last)))
        {
            if (merged.Count > 0 && span.Start < merged[^1].End)
            {
                merged[^1] = new TextSpan(merged[^1].Start, Math.Max(merged[^1].End, span.End));
                continue;
            }

            merged.Add(span);
        }

        foreach (var span in merged)
        {
            var end = span.End;
            while (span.Start == 0 && end < module.Text.Length && IsBlankLine(module, module.Lines.LineOf(end)))
            {
                end = module.Lines.LineEnd(module.Lines.LineOf(end));
            }

            yield return TextEdit.Delete(new TextSpan(span.Start, end));
        }
    }

    /// <summary>Deletes a statement; a trailing comment on its line is kept as a line comment.</summary>
    public static TextEdit DeleteStatement(PythonModule module, SyntaxNode statement)
    {
        var last = module.Lines.LineOf(Math.Max(statement.Span.Start, statement.Span.End - 1));
        var lineEnd = module.Lines.LineEnd(last);
        var rest = module.Text[statement.Span.End..lineEnd];
        var hash = rest.IndexOf('#');
        if (hash >= 0 && rest[..hash].Trim().Length == 0)
        {
            // `x = Parameter("x")  # why` → `# why` at the statement's place.
            return TextEdit.Replace(new TextSpan(statement.Span.Start, statement.Span.End + hash), string.Empty);
        }

        return TextEdit.Delete(WholeLines(module, statement));
    }

    /// <summary>Deletes statements; a run of consecutive whole-line statements standing as a paragraph of their own
    /// (blank lines on both sides) takes the blank line above with it, so the file's blank-line rhythm stays.</summary>
    /// <remarks>With <paramref name="withTrailingComments"/>, a trailing comment goes with its statement (the caller moved it).</remarks>
    public static IReadOnlyList<TextEdit> DeleteStatements(PythonModule module, IEnumerable<SyntaxNode> statements, bool withTrailingComments = false)
    {
        TextSpan WholeOf(SyntaxNode statement)
        {
            var whole = WholeLines(module, statement);
            var lineEnd = module.Lines.LineEnd(module.Lines.LineOf(Math.Max(statement.Span.Start, statement.Span.End - 1)));
            var lineStart = module.Lines.LineStart(module.Lines.LineOf(statement.Span.Start));
            return withTrailingComments && whole.End <= statement.Span.End && module.Text[lineStart..statement.Span.Start].Trim().Length == 0
                && module.Text[statement.Span.End..lineEnd].Trim().StartsWith('#')
                ? new TextSpan(lineStart, lineEnd)
                : whole;
        }

        var edits = new List<TextEdit>();
        var ordered = statements.OrderBy(s => s.Span.Start).ToList();
        var i = 0;
        var floor = 0;
        while (i < ordered.Count)
        {
            var whole = WholeOf(ordered[i]);
            if (whole.End <= ordered[i].Span.End)
            {
                edits.Add(DeleteStatement(module, ordered[i]));
                i++;
                continue;
            }

            var j = i;
            var end = whole.End;
            while (j + 1 < ordered.Count && WholeOf(ordered[j + 1]) is var next && next.Start == end && next.End > ordered[j + 1].Span.End)
            {
                end = next.End;
                j++;
            }

            var firstLine = module.Lines.LineOf(whole.Start);
            var nextLine = module.Lines.LineOf(end - 1) + 1;
            var blankBelow = nextLine <= module.Lines.LineCount && IsBlankLine(module, nextLine);
            // Never reach back into what the previous group deleted (a blank line between two groups goes once).
            var start = firstLine > 1 && blankBelow && IsBlankLine(module, firstLine - 1) && module.Lines.LineStart(firstLine - 1) >= floor ? module.Lines.LineStart(firstLine - 1) : whole.Start;
            if (start == whole.Start && blankBelow && firstLine > 1 && module.Text[module.Lines.LineStart(firstLine - 1)..module.Lines.LineEnd(firstLine - 1)].TrimEnd().EndsWith(':'))
            {
                // The first statements of a block: the blank line that separated them from the rest goes too.
                end = module.Lines.LineEnd(nextLine);
            }

            edits.Add(TextEdit.Delete(new TextSpan(start, end)));
            floor = end;
            i = j + 1;
        }

        return edits;
    }

    /// <summary>True when line <paramref name="line"/> (1-based) holds only white space.</summary>
    internal static bool IsBlankLine(PythonModule module, int line) =>
        module.Text[module.Lines.LineStart(line)..module.Lines.LineEnd(line)].Trim().Length == 0;

    /// <summary>The end of the line holding <paramref name="position"/>, before its line break.</summary>
    public static int LineContentEnd(PythonModule module, int position)
    {
        var end = module.Lines.LineEnd(module.Lines.LineOf(position));
        while (end > 0 && end > position && module.Text[end - 1] is '\r' or '\n')
        {
            end--;
        }

        return end;
    }

    public static bool IsModuleLevel(SyntaxNode node) =>
        !node.Ancestors().Any(a => a.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda");

    /// <summary>The statement (direct child of a body) containing a node.</summary>
    public static SyntaxNode Statement(SyntaxNode node)
    {
        var current = node;
        while (current.Parent is { } parent && !(current.ParentField is "body" or "orelse" or "finalbody" or "handlers"))
        {
            current = parent;
        }

        return current;
    }

    /// <summary>The first line of a node's text (a statement quoted in a TODO).</summary>
    public static string FirstLine(PythonModule module, SyntaxNode node) => module.GetText(node).Split('\n')[0].TrimEnd('\r');

    public static IEnumerable<SyntaxNode> NamesIn(SyntaxNode root, string id) =>
        root.DescendantsAndSelf().Where(n => n.Is("Name") && n.Scalar("id") == id);
}
