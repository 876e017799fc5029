namespace Assistant.Core.Source.Syntax;

/// <summary><c>value.attr</c>.</summary>
public sealed class AttributeSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Attribute") ? node : throw new ArgumentException($"Not an Attribute: {node.Kind}");

    public SyntaxNode Value => Node.Child("value")!;

    public string Attribute => Node.Scalar("attr")!;

    public static AttributeSyntax? From(SyntaxNode? node) => node is not null && node.Is("Attribute") ? new AttributeSyntax(node) : null;
}
