using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Edits inside a call's argument list that keep the rest of it (comments, layout) as it is.</summary>
public static class CallEdits
{
    /// <summary>Arguments (positional and keyword) in source order.</summary>
    public static IReadOnlyList<SyntaxNode> ArgumentNodes(CallSyntax call) =>
        call.Arguments.Concat(call.Node.Children("keywords")).OrderBy(n => n.Span.Start).ToList();

    /// <summary>Deletes one argument and the comma that separates it from its neighbour.</summary>
    public static TextEdit Remove(PythonModule module, CallSyntax call, SyntaxNode argument)
    {
        var all = ArgumentNodes(call);
        var index = all.ToList().FindIndex(n => ReferenceEquals(n, argument) || n.Span == argument.Span);
        if (all.Count == 1)
        {
            // Only argument: empty the parentheses.
            var open = module.Text.IndexOf('(', call.Function.Span.End);
            var close = call.Node.Span.End - 1;
            return TextEdit.Replace(new TextSpan(open + 1, close), string.Empty);
        }

        if (index < all.Count - 1)
        {
            // Up to the next argument (removes "kw=v, " and a line break when one argument per line).
            return TextEdit.Delete(new TextSpan(LineAwareStart(module, argument), LineAwareStart(module, all[index + 1])));
        }

        if (OwnLines(module, argument, argument) is { } own)
        {
            return TextEdit.Delete(own);
        }

        // Last: from the previous argument's end (removes ", kw=v"), keeping a trailing comma/newline layout.
        var previousEnd = all[index - 1].Span.End;
        return TextEdit.Delete(new TextSpan(previousEnd, argument.Span.End));
    }

    /// <summary>Deletes several arguments at once (non-overlapping edits).</summary>
    public static IReadOnlyList<TextEdit> RemoveMany(PythonModule module, CallSyntax call, IReadOnlyCollection<SyntaxNode> arguments)
    {
        var all = ArgumentNodes(call);
        var keep = all.Where(a => !arguments.Any(r => r.Span == a.Span)).ToList();
        if (keep.Count == 0)
        {
            var open = module.Text.IndexOf('(', call.Function.Span.End);
            return [TextEdit.Replace(new TextSpan(open + 1, call.Node.Span.End - 1), string.Empty)];
        }

        var edits = new List<TextEdit>();
        // Each removed run of arguments goes with the separator before it, or after it when at the front.
        for (var i = 0; i < all.Count; i++)
        {
            if (!arguments.Any(r => r.Span == all[i].Span))
            {
                continue;
            }

            var j = i;
            while (j + 1 < all.Count && arguments.Any(r => r.Span == all[j + 1].Span))
            {
                j++;
            }

            if (i == 0 && j + 1 < all.Count)
            {
                edits.Add(TextEdit.Delete(new TextSpan(LineAwareStart(module, all[i]), LineAwareStart(module, all[j + 1]))));
            }
            else if (OwnLines(module, all[i], all[j]) is { } lines)
            {
                edits.Add(TextEdit.Delete(lines));
            }
            else
            {
                edits.Add(TextEdit.Delete(new TextSpan(all[i - 1].Span.End, all[j].Span.End)));
            }
            i = j;
        }

        return edits;
    }

    /// <summary>Where to insert a new keyword argument: after the last argument (", kw=v"), or inside empty parens.</summary>
    public static TextEdit AddKeyword(PythonModule module, CallSyntax call, string keywordText)
    {
        var all = ArgumentNodes(call);
        if (all.Count == 0)
        {
            return TextEdit.Insert(call.Node.Span.End - 1, keywordText);
        }

        var last = all[^1];
        // One argument per line: put the new one on its own line with the same indentation.
        var lastLine = module.Lines.LineOf(last.Span.Start);
        if (all.Count > 1 && module.Lines.LineOf(all[^2].Span.Start) != lastLine && lastLine != module.Lines.LineOf(call.Node.Span.Start))
        {
            var indent = SourceLines.IndentOf(module, last.Span.Start);
            return TextEdit.Insert(last.Span.End, $",{module.NewLine}{indent}{keywordText}");
        }

        return TextEdit.Insert(last.Span.End, $", {keywordText}");
    }

    /// <summary>
    /// <see cref="AddKeyword(PythonModule, CallSyntax, string)"/> for a fix that also removes <paramref name="removed"/>
    /// (with <see cref="RemoveMany"/>): the new keyword goes after the last argument that stays.
    /// </summary>
    public static TextEdit AddKeyword(PythonModule module, CallSyntax call, string keywordText, IReadOnlyCollection<SyntaxNode> removed)
    {
        var all = ArgumentNodes(call);
        var kept = all.Where(a => !removed.Any(r => r.Span == a.Span)).ToList();
        if (kept.Count == 0)
        {
            return TextEdit.Insert(call.Node.Span.End - 1, keywordText);
        }

        if (ReferenceEquals(kept[^1], all[^1]))
        {
            return AddKeyword(module, call, keywordText);
        }

        // The trailing arguments go: one per line, the new keyword takes the line of the first of them.
        var next = all[all.ToList().IndexOf(kept[^1]) + 1];
        var line = module.Lines.LineOf(next.Span.Start);
        var lineStart = module.Lines.LineStart(line);
        if (module.Lines.LineOf(kept[^1].Span.Start) != line && module.Text[lineStart..next.Span.Start].Trim().Length == 0)
        {
            return TextEdit.Insert(lineStart, $"{module.Text[lineStart..next.Span.Start]}{keywordText},{module.NewLine}");
        }

        return TextEdit.Insert(kept[^1].Span.End, $", {keywordText}");
    }

    // Arguments first..last that sit alone on their own lines (plus a trailing comma): those whole lines.
    private static TextSpan? OwnLines(PythonModule module, SyntaxNode first, SyntaxNode last)
    {
        var startLine = module.Lines.LineOf(first.Span.Start);
        var lineStart = module.Lines.LineStart(startLine);
        if (module.Text[lineStart..first.Span.Start].Trim().Length != 0)
        {
            return null;
        }

        var endLine = module.Lines.LineOf(last.Span.End - 1);
        var lineEnd = module.Lines.LineEnd(endLine);
        var rest = module.Text[last.Span.End..lineEnd].Trim();
        if (rest.StartsWith(',') )
        {
            rest = rest[1..].Trim();
        }

        return rest.Length == 0 || rest.StartsWith('#') ? new TextSpan(lineStart, lineEnd) : null;
    }

    private static int LineAwareStart(PythonModule module, SyntaxNode node)
    {
        // An argument alone on its line starts at the line start (its indentation goes with it).
        var line = module.Lines.LineOf(node.Span.Start);
        var start = module.Lines.LineStart(line);
        return module.Text[start..node.Span.Start].Trim().Length == 0 ? start : node.Span.Start;
    }
}
