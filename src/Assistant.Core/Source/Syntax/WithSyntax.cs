namespace Assistant.Core.Source.Syntax;

/// <summary>A <c>with</c> / <c>async with</c> statement.</summary>
public sealed class WithSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("With") || node.Is("AsyncWith") ? node : throw new ArgumentException($"Not a with: {node.Kind}");

    public bool IsAsync => Node.Is("AsyncWith");

    /// <summary>Each item's context expression and its optional <c>as</c> target.</summary>
    public IReadOnlyList<(SyntaxNode Context, SyntaxNode? Target)> Items =>
        Node.Children("items").Select(item => (item.Child("context_expr")!, item.Child("optional_vars"))).ToList();

    public IReadOnlyList<SyntaxNode> Body => Node.Children("body");

    public static WithSyntax? From(SyntaxNode? node) => node is not null && (node.Is("With") || node.Is("AsyncWith")) ? new WithSyntax(node) : null;
}
