namespace Assistant.Core.Source.Syntax;

/// <summary><c>a = b = value</c>, <c>a: T = value</c> or <c>a += value</c>.</summary>
public sealed class AssignSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Kind is "Assign" or "AnnAssign" or "AugAssign" ? node : throw new ArgumentException($"Not an assignment: {node.Kind}");

    public IReadOnlyList<SyntaxNode> Targets => Node.Is("Assign") ? Node.Children("targets") : [Node.Child("target")!];

    public SyntaxNode? Value => Node.Child("value");

    /// <summary>Simple names assigned (<c>x</c> in <c>x = …</c>, both in <c>x, y = …</c>).</summary>
    public IReadOnlyList<string> TargetNames =>
        Targets.SelectMany(t => t.DescendantsAndSelf()).Where(n => n.Is("Name")).Select(n => n.Scalar("id")!).ToList();

    public static AssignSyntax? From(SyntaxNode? node) => node is not null && node.Kind is "Assign" or "AnnAssign" or "AugAssign" ? new AssignSyntax(node) : null;
}
