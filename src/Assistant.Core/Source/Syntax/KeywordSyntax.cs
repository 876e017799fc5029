namespace Assistant.Core.Source.Syntax;

/// <summary>A keyword argument <c>name=value</c>, or <c>**mapping</c> when <see cref="Name"/> is null.</summary>
public sealed class KeywordSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("keyword") ? node : throw new ArgumentException($"Not a keyword: {node.Kind}");

    public string? Name => Node.Scalar("arg");

    public SyntaxNode Value => Node.Child("value")!;
}
