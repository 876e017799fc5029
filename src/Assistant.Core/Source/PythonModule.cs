using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Source;

/// <summary>
/// An immutable parsed Python module: its repo-relative path ('/' separators), its text (BOM
/// excluded, see <see cref="Encoding"/>), the syntax tree from CPython's own parser, and the
/// comments from its tokenizer. Build one with <c>Assistant.Core.Python.ModuleParser</c>.
/// </summary>
public sealed class PythonModule
{
    private LineMap? _lines;
    private SyntaxNode[]? _imports;
    private string? _newLine;

    public PythonModule(string path, string text, SourceEncoding encoding, SyntaxNode root, IReadOnlyList<Comment> comments)
    {
        if (!root.Is("Module"))
        {
            throw new ArgumentException($"The root of a module must be a Module node, not {root.Kind}.", nameof(root));
        }

        Path = path;
        Text = text;
        Encoding = encoding;
        Root = root;
        Comments = comments;
    }

    public string Path { get; }

    public string Text { get; }

    public SourceEncoding Encoding { get; }

    public SyntaxNode Root { get; }

    public IReadOnlyList<Comment> Comments { get; }

    public LineMap Lines => _lines ??= LineMap.For(Text);

    /// <summary>Top-level statements.</summary>
    public IReadOnlyList<SyntaxNode> Body => Root.Children("body");

    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    public string GetText(SyntaxNode node) => GetText(node.Span);

    /// <summary>All import statements anywhere in the module (including inside functions).</summary>
    public IEnumerable<ImportSyntax> Imports() =>
        (_imports ??= Root.Descendants().Where(n => n.Kind is "Import" or "ImportFrom").ToArray()).Select(n => new ImportSyntax(n));

    /// <summary>The line-ending the file mostly uses, for text a rule inserts.</summary>
    public string NewLine => _newLine ??= MostUsedNewLine(Text);

    public override string ToString() => Path;

    private static string MostUsedNewLine(string text)
    {
        var crlf = 0;
        var lf = 0;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i > 0 && text[i - 1] == '\r')
            {
                crlf++;
            }
            else
            {
                lf++;
            }
        }

        return crlf > lf ? "\r\n" : "\n";
    }
}
