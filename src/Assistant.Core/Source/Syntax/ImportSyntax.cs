namespace Assistant.Core.Source.Syntax;

/// <summary><c>import a.b as c, d</c> or <c>from .m import x as y</c>.</summary>
public sealed class ImportSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Import") || node.Is("ImportFrom") ? node : throw new ArgumentException($"Not an import: {node.Kind}");

    public bool IsFrom => Node.Is("ImportFrom");

    /// <summary>The module after <c>from</c> without leading dots (null for <c>from . import x</c> and plain imports).</summary>
    public string? Module => Node.Scalar("module");

    /// <summary>Number of leading dots of a relative import.</summary>
    public int Level => int.TryParse(Node.Scalar("level"), out var level) ? level : 0;

    public IReadOnlyList<ImportedName> Names =>
        Node.Children("names").Select(alias => new ImportedName(alias.Scalar("name")!, alias.Scalar("asname"), alias)).ToList();

    public static ImportSyntax? From(SyntaxNode? node) =>
        node is not null && (node.Is("Import") || node.Is("ImportFrom")) ? new ImportSyntax(node) : null;
}
