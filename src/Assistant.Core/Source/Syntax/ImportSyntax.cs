namespace Assistant.Core.Source.Syntax;

/// <summary><c>import a.b as c, d</c> or <c>from .m import x as y</c>.</summary>
public sealed class ImportSyntax(SyntaxNode node)
{
    private ImportedName[]? _names;
    private int _level = -1;

    public SyntaxNode Node { get; } = node.Is("Import") || node.Is("ImportFrom") ? node : throw new ArgumentException($"Not an import: {node.Kind}");

    public bool IsFrom => Node.Is("ImportFrom");

    /// <summary>The module after <c>from</c> without leading dots (null for <c>from . import x</c> and plain imports).</summary>
    public string? Module => Node.Scalar("module");

    /// <summary>Number of leading dots of a relative import.</summary>
    public int Level => _level >= 0 ? _level : _level = int.TryParse(Node.Scalar("level"), out var level) ? level : 0;

    /// <summary>The names the statement imports, in order (read once per instance: the node is immutable).</summary>
    public IReadOnlyList<ImportedName> Names => _names ??= ReadNames(Node);

    public static ImportSyntax? From(SyntaxNode? node) =>
        node is not null && (node.Is("Import") || node.Is("ImportFrom")) ? new ImportSyntax(node) : null;

    private static ImportedName[] ReadNames(SyntaxNode node)
    {
        var aliases = node.Children("names");
        var names = new ImportedName[aliases.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = new ImportedName(aliases[i].Scalar("name")!, aliases[i].Scalar("asname"), aliases[i]);
        }

        return names;
    }
}
