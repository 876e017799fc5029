using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>Edits on the arguments of a call: list them in source order, remove, rename and add keywords.</summary>
public static class CallArguments
{
    /// <summary>Positional arguments and keywords (including <c>**kw</c>) in source order.</summary>
    public static IReadOnlyList<SyntaxNode> Items(CallSyntax call) =>
        call.Arguments.Concat(call.Keywords.Select(k => k.Node)).OrderBy(n => n.Span.Start).ToList();

    /// <summary>Edits removing the given arguments (nodes of <see cref="Items"/>), keeping the other items and their comments.</summary>
    public static IReadOnlyList<TextEdit> Remove(PythonModule module, CallSyntax call, IEnumerable<SyntaxNode> arguments) =>
        ListItems.Remove(module, Items(call), arguments);

    /// <summary>The edit renaming a keyword argument (only the name is replaced).</summary>
    public static TextEdit RenameKeyword(KeywordSyntax keyword, string newName) =>
        TextEdit.Replace(TextSpan.FromLength(keyword.Node.Span.Start, keyword.Name!.Length), newName);

    /// <summary>
    /// The edit appending <paramref name="argumentText"/> as the last argument: on its own line with the
    /// previous argument's indentation when the arguments are one per line, else after <c>, </c>.
    /// </summary>
    public static TextEdit Append(PythonModule module, CallSyntax call, string argumentText)
    {
        var items = Items(call);
        var close = call.Node.Span.End - 1;
        if (items.Count == 0)
        {
            return TextEdit.Insert(close, argumentText);
        }

        var last = items[^1];
        var between = module.Text[last.Span.End..close];
        var comma = between.TrimStart().StartsWith(',');
        if (SourceText.StartsLine(module, last.Span.Start) && module.Lines.LineOf(close) > module.Lines.LineOf(last.Span.End))
        {
            var indent = SourceText.IndentAt(module, last.Span.Start);
            var lineEnd = module.Lines.LineEnd(module.Lines.LineOf(last.Span.End));
            var prefix = comma ? string.Empty : ",";
            if (comma)
            {
                return TextEdit.Insert(lineEnd, indent + argumentText + "," + module.NewLine);
            }

            return new TextEdit(new TextSpan(last.Span.End, last.Span.End), prefix + module.NewLine + indent + argumentText);
        }

        return TextEdit.Insert(last.Span.End, ", " + argumentText);
    }
}
