namespace Assistant.Core.Source.Syntax;

/// <summary>An identifier in an expression; <see cref="Context"/> is <c>Load</c>, <c>Store</c> or <c>Del</c>.</summary>
public sealed class NameSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Name") ? node : throw new ArgumentException($"Not a Name: {node.Kind}");

    public string Identifier => Node.Scalar("id")!;

    public string Context => Node.Scalar("ctx") ?? "Load";

    public static NameSyntax? From(SyntaxNode? node) => node is not null && node.Is("Name") ? new NameSyntax(node) : null;
}
