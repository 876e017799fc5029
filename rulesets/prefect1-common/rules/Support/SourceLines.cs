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

    public static IEnumerable<SyntaxNode> NamesIn(SyntaxNode root, string id) =>
        root.DescendantsAndSelf().Where(n => n.Is("Name") && n.Scalar("id") == id);
}
