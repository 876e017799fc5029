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
    private ImportSyntax[]? _imports;
    private string? _newLine;
    private KeyValuePair<object, object>[] _facts = [];

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

    /// <summary>Set by <c>ModuleParser</c> (before it hands the module out) when the tree came from the in-process parser,
    /// whose trees the user's Python has not confirmed yet (see <c>ModuleParser.ParsedInProcess</c>).</summary>
    internal bool ParsedInProcess { get; set; }

    /// <summary>Whether <see cref="Comments"/> holds every comment of the text (the parse collected them), as an incremental re-parse
    /// that copies the comments of untouched lines needs; set by the parsers.</summary>
    internal bool CommentsCollected { get; init; }

    public LineMap Lines => _lines ??= LineMap.For(Text);

    /// <summary>Top-level statements.</summary>
    public IReadOnlyList<SyntaxNode> Body => Root.Children("body");

    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    public string GetText(SyntaxNode node) => GetText(node.Span);

    /// <summary>
    /// All import statements anywhere in the module (including inside functions), in source order, read once from the
    /// statement lists alone: imports are statements, so expressions (most of a tree) need no visit.
    /// </summary>
    public IEnumerable<ImportSyntax> Imports() => _imports ??= ReadImports(Root.Children("body"));

    /// <summary>The line-ending the file mostly uses, for text a rule inserts.</summary>
    public string NewLine => _newLine ??= MostUsedNewLine(Text);

    /// <summary>
    /// A value read from this module once and kept with it: the module is immutable, so what a rule derives from it (an
    /// index of its nodes, its import bindings…) holds for as long as the module lives, and the other rules of a pass ask
    /// for it again. <paramref name="key"/> names the fact (a static object or string of the reader's own); the first call
    /// reads it with <paramref name="read"/>, which must depend on the module alone (two threads asking at once may both
    /// read, and one result is kept). The value goes with the module, so no table outside it keeps modules alive.
    /// </summary>
    public T Fact<T>(object key, Func<PythonModule, T> read)
        where T : class
    {
        if (Find(Volatile.Read(ref _facts), key) is { } known)
        {
            return (T)known;
        }

        // Copy on write, without a lock: a module holds a handful of facts, and a thread spinning on a lock whose holder was
        // preempted (four workers on two cores) cost more than the copies.
        var value = read(this);
        while (true)
        {
            var facts = Volatile.Read(ref _facts);
            if (Find(facts, key) is { } raced)
            {
                return (T)raced;
            }

            var grown = new KeyValuePair<object, object>[facts.Length + 1];
            facts.CopyTo(grown, 0);
            grown[^1] = new KeyValuePair<object, object>(key, value);
            if (Interlocked.CompareExchange(ref _facts, grown, facts) == facts)
            {
                return value;
            }
        }
    }

    public override string ToString() => Path;

    private static ImportSyntax[] ReadImports(IReadOnlyList<SyntaxNode> body)
    {
        var found = new List<ImportSyntax>();
        ReadImports(body, found);
        return [.. found];
    }

    // Fields that hold statements (or handlers and cases holding them), in the order their code appears in a statement.
    private static void ReadImports(IReadOnlyList<SyntaxNode> statements, List<ImportSyntax> found)
    {
        foreach (var statement in statements)
        {
            if (statement.Kind is "Import" or "ImportFrom")
            {
                found.Add(new ImportSyntax(statement));
                continue;
            }

            if (statement.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "If" or "For" or "AsyncFor" or "While"
                or "With" or "AsyncWith" or "Try" or "TryStar" or "Match"))
            {
                // A simple statement: no statements inside.
                continue;
            }

            ReadImports(statement.Children("body"), found);
            foreach (var handler in statement.Children("handlers"))
            {
                ReadImports(handler.Children("body"), found);
            }

            ReadImports(statement.Children("orelse"), found);
            ReadImports(statement.Children("finalbody"), found);
            foreach (var matchCase in statement.Children("cases"))
            {
                ReadImports(matchCase.Children("body"), found);
            }
        }
    }

    private static object? Find(KeyValuePair<object, object>[] facts, object key)
    {
        foreach (var fact in facts)
        {
            if (ReferenceEquals(fact.Key, key) || fact.Key.Equals(key))
            {
                return fact.Value;
            }
        }

        return null;
    }

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
