namespace Assistant.Core.Source.Syntax;

/// <summary>A call <c>func(args…, name=value…)</c>.</summary>
public sealed class CallSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Call") ? node : throw new ArgumentException($"Not a Call: {node.Kind}");

    public SyntaxNode Function => Node.Child("func")!;

    /// <summary>The callee as a dotted name (<c>flytekit.task</c>), or null for computed callees.</summary>
    public string? FunctionName => Function.DottedName();

    public IReadOnlyList<SyntaxNode> Arguments => Node.Children("args");

    public IReadOnlyList<KeywordSyntax> Keywords => Node.Children("keywords").Select(k => new KeywordSyntax(k)).ToList();

    public KeywordSyntax? Keyword(string name)
    {
        // Rules ask for one keyword at a time, often of calls that have none: only the match gets a view.
        foreach (var keyword in Node.Children("keywords"))
        {
            if (keyword.Scalar("arg") == name)
            {
                return new KeywordSyntax(keyword);
            }
        }

        return null;
    }

    public static CallSyntax? From(SyntaxNode? node) => node is not null && node.Is("Call") ? new CallSyntax(node) : null;
}
