namespace Assistant.Core.Source.Syntax;

/// <summary>A <c>def</c> or <c>async def</c> with its decorators; <see cref="SyntaxNode.Span"/> starts at <c>def</c>/<c>async</c>.</summary>
public sealed class FunctionDefSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("FunctionDef") || node.Is("AsyncFunctionDef")
        ? node
        : throw new ArgumentException($"Not a function definition: {node.Kind}");

    public string Name => Node.Scalar("name")!;

    public bool IsAsync => Node.Is("AsyncFunctionDef");

    /// <summary>Decorator expressions (the <c>@</c> is not part of their spans).</summary>
    public IReadOnlyList<SyntaxNode> Decorators => Node.Children("decorator_list");

    public SyntaxNode Parameters => Node.Child("args")!;

    public IReadOnlyList<SyntaxNode> Body => Node.Children("body");

    public SyntaxNode? Returns => Node.Child("returns");

    /// <summary>Names of every parameter, in order (positional-only, regular, *args, keyword-only, **kwargs).</summary>
    public IReadOnlyList<string> ParameterNames
    {
        get
        {
            var p = Parameters;
            var names = p.Children("posonlyargs").Concat(p.Children("args")).Select(a => a.Scalar("arg")!).ToList();
            if (p.Child("vararg") is { } vararg)
            {
                names.Add(vararg.Scalar("arg")!);
            }

            names.AddRange(p.Children("kwonlyargs").Select(a => a.Scalar("arg")!));
            if (p.Child("kwarg") is { } kwarg)
            {
                names.Add(kwarg.Scalar("arg")!);
            }

            return names;
        }
    }

    public static FunctionDefSyntax? From(SyntaxNode? node) =>
        node is not null && (node.Is("FunctionDef") || node.Is("AsyncFunctionDef")) ? new FunctionDefSyntax(node) : null;
}
