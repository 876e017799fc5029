using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>Layout facts of a module that inserted code must follow: quotes, indentation, whole lines.</summary>
public static class SourceText
{
    // Rules ask for the quote and indent of the same immutable module many times; each is read over the whole tree once
    // and kept with the module.
    private static readonly object QuoteKey = new();
    private static readonly object IndentKey = new();

    /// <summary>The quote character most string literals of the module use (<c>"</c> when tied or none).</summary>
    public static char PreferredQuote(PythonModule module) => module.Fact(QuoteKey, static m => CountQuotes(m).ToString())[0];

    private static char CountQuotes(PythonModule module)
    {
        var single = 0;
        var dbl = 0;
        var text = module.Text;
        foreach (var node in module.Root.Descendants())
        {
            if (!node.Is("Constant") || node.Scalar("vt") != "str")
            {
                continue;
            }

            // The first character after the string prefix letters, read in place (docstrings are long).
            var at = node.Span.Start;
            while (at < node.Span.End && text[at] is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F')
            {
                at++;
            }

            if (at < node.Span.End && text[at] == '\'')
            {
                single++;
            }
            else if (at < node.Span.End && text[at] == '"')
            {
                dbl++;
            }
        }

        return single > dbl ? '\'' : '"';
    }

    /// <summary>A Python string literal of <paramref name="value"/> in the module's preferred quotes.</summary>
    public static string Literal(PythonModule module, string value) => Literal(PreferredQuote(module), value);

    /// <summary>A Python string literal of <paramref name="value"/> using <paramref name="quote"/>.</summary>
    public static string Literal(char quote, string value)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(quote.ToString(), "\\" + quote, StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
        return quote + escaped + quote;
    }

    /// <summary>The whitespace that starts the line containing <paramref name="position"/>.</summary>
    public static string IndentAt(PythonModule module, int position)
    {
        var start = module.Lines.LineStart(module.Lines.LineOf(position));
        var end = start;
        while (end < module.Text.Length && module.Text[end] is ' ' or '\t')
        {
            end++;
        }

        return module.Text[start..end];
    }

    /// <summary>One indentation level as the module writes it (the first indented block's indent; four spaces by default).</summary>
    public static string IndentUnit(PythonModule module) => module.Fact(IndentKey, FirstIndentUnit);

    private static string FirstIndentUnit(PythonModule module)
    {
        foreach (var node in module.Root.Descendants().Where(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "If" or "For" or "While" or "With" or "Try"))
        {
            if (node.Children("body").FirstOrDefault() is { } first)
            {
                var outer = IndentAt(module, node.Span.Start);
                var inner = IndentAt(module, first.Span.Start);
                if (inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal))
                {
                    return inner[outer.Length..];
                }
            }
        }

        return "    ";
    }

    /// <summary>True when only whitespace precedes <paramref name="position"/> on its line.</summary>
    public static bool StartsLine(PythonModule module, int position)
    {
        var start = module.Lines.LineStart(module.Lines.LineOf(position));
        return module.Text[start..position].Trim().Length == 0;
    }

    /// <summary>
    /// The span of <paramref name="span"/> widened to whole lines (including the final line break) when nothing
    /// but whitespace, a comma and a comment shares its lines; otherwise null.
    /// </summary>
    public static TextSpan? WholeLines(PythonModule module, TextSpan span)
    {
        if (!StartsLine(module, span.Start))
        {
            return null;
        }

        var lastLine = module.Lines.LineOf(Math.Max(span.Start, span.End - 1));
        var lineEnd = module.Lines.LineEnd(lastLine);
        var rest = module.Text[span.End..lineEnd].Trim();
        if (rest.StartsWith(','))
        {
            rest = rest[1..].TrimStart();
        }

        if (rest.Length > 0 && !rest.StartsWith('#'))
        {
            return null;
        }

        return new TextSpan(module.Lines.LineStart(module.Lines.LineOf(span.Start)), lineEnd);
    }

    /// <summary>The text of <paramref name="span"/> with <paramref name="edits"/> (all inside the span) applied.</summary>
    public static string Rewrite(PythonModule module, TextSpan span, IEnumerable<TextEdit> edits)
    {
        var shifted = edits.Select(e => new TextEdit(new TextSpan(e.Span.Start - span.Start, e.Span.End - span.Start), e.NewText));
        return EditSet.Create(shifted).ApplyTo(module.GetText(span));
    }

    /// <summary>Comments whose start lies inside <paramref name="span"/>, in order.</summary>
    public static IReadOnlyList<Comment> CommentsIn(PythonModule module, TextSpan span) =>
        module.Comments.Where(c => span.Contains(c.Span.Start)).ToList();
}
