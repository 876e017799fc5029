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

    /// <summary>Whole lines of a statement, plus the blank line above it when a blank line also follows
    /// (so deleting it leaves the file's blank-line rhythm as it was).</summary>
    public static TextSpan WholeLinesWithBlankAbove(PythonModule module, SyntaxNode statement)
    {
        var span = WholeLines(module, statement);
        var first = module.Lines.LineOf(span.Start);
        var after = module.Lines.LineOf(Math.Min(span.End, module.Text.Length - 1));
        if (first == 1 && span.End < module.Text.Length && module.Text[module.Lines.LineStart(after)..module.Lines.LineEnd(after)].Trim().Length == 0)
        {
            // The file's first statement: the blank line that separated it goes too, so the file does not start with one.
            return new TextSpan(span.Start, module.Lines.LineEnd(after));
        }

        if (span.Start != statement.Span.Start - (statement.Span.Start - module.Lines.LineStart(first)) || first <= 1 || span.End >= module.Text.Length)
        {
            return span;
        }

        var previous = module.Text[module.Lines.LineStart(first - 1)..module.Lines.LineEnd(first - 1)];
        var next = module.Text[module.Lines.LineStart(after)..module.Lines.LineEnd(after)];
        return previous.Trim().Length == 0 && next.Trim().Length == 0 ? new TextSpan(module.Lines.LineStart(first - 1), span.End) : span;
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
