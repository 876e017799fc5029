namespace Assistant.Core.Source.Syntax;

/// <summary><c>return</c> with an optional value.</summary>
public sealed class ReturnSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Return") ? node : throw new ArgumentException($"Not a Return: {node.Kind}");

    public SyntaxNode? Value => Node.Child("value");

    public static ReturnSyntax? From(SyntaxNode? node) => node is not null && node.Is("Return") ? new ReturnSyntax(node) : null;
}
