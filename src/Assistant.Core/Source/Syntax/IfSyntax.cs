namespace Assistant.Core.Source.Syntax;

/// <summary>An <c>if</c> statement; an <c>elif</c> is an <c>If</c> alone in <see cref="OrElse"/>.</summary>
public sealed class IfSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("If") ? node : throw new ArgumentException($"Not an If: {node.Kind}");

    public SyntaxNode Test => Node.Child("test")!;

    public IReadOnlyList<SyntaxNode> Body => Node.Children("body");

    public IReadOnlyList<SyntaxNode> OrElse => Node.Children("orelse");

    public static IfSyntax? From(SyntaxNode? node) => node is not null && node.Is("If") ? new IfSyntax(node) : null;
}
