namespace Assistant.Core.Source.Syntax;

/// <summary><c>left op right</c>; <see cref="Operator"/> is CPython's operator class name (<c>RShift</c>, <c>BitAnd</c>, …).</summary>
public sealed class BinaryOperationSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("BinOp") ? node : throw new ArgumentException($"Not a BinOp: {node.Kind}");

    public SyntaxNode Left => Node.Child("left")!;

    public string Operator => Node.Scalar("op")!;

    public SyntaxNode Right => Node.Child("right")!;

    public static BinaryOperationSyntax? From(SyntaxNode? node) => node is not null && node.Is("BinOp") ? new BinaryOperationSyntax(node) : null;
}
