namespace Assistant.Core.Source.Syntax;

/// <summary>A <c>class</c> statement with bases, keywords and decorators.</summary>
public sealed class ClassDefSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("ClassDef") ? node : throw new ArgumentException($"Not a ClassDef: {node.Kind}");

    public string Name => Node.Scalar("name")!;

    public IReadOnlyList<SyntaxNode> Bases => Node.Children("bases");

    public IReadOnlyList<KeywordSyntax> Keywords => Node.Children("keywords").Select(k => new KeywordSyntax(k)).ToList();

    public IReadOnlyList<SyntaxNode> Decorators => Node.Children("decorator_list");

    public IReadOnlyList<SyntaxNode> Body => Node.Children("body");

    public static ClassDefSyntax? From(SyntaxNode? node) => node is not null && node.Is("ClassDef") ? new ClassDefSyntax(node) : null;
}
