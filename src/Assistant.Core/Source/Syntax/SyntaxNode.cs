using System.Collections.Immutable;

namespace Assistant.Core.Source.Syntax;

/// <summary>
/// One node of a Python syntax tree as CPython's <c>ast</c> module produced it: the node kind
/// (<c>Call</c>, <c>FunctionDef</c>, …), its span in UTF-16 units, child nodes by field name and
/// scalar fields (identifiers, operator names, constant values) as strings. Typed views over the
/// kinds rules use live beside this type (<see cref="CallSyntax"/>, <see cref="FunctionDefSyntax"/>, …).
/// </summary>
public sealed class SyntaxNode
{
    // Fields in the order CPython declares them; nodes have a handful, so a linear scan beats hashing.
    private readonly KeyValuePair<string, object?>[] _fields;
    private SyntaxNode[]? _childNodes;

    internal SyntaxNode(string kind, TextSpan span, bool hasPosition, KeyValuePair<string, object?>[] fields)
    {
        Kind = kind;
        Span = span;
        HasPosition = hasPosition;
        _fields = fields;
        foreach (var (name, value) in fields)
        {
            switch (value)
            {
                case SyntaxNode child:
                    child.Parent = this;
                    child.ParentField = name;
                    break;
                case ImmutableArray<SyntaxNode> list:
                    foreach (var item in list)
                    {
                        item.Parent = this;
                        item.ParentField = name;
                    }

                    break;
            }
        }
    }

    public string Kind { get; }

    /// <summary>The node's text range. For kinds CPython gives no position (arguments, withitem,
    /// comprehension) it is the union of the children's spans.</summary>
    public TextSpan Span { get; }

    public bool HasPosition { get; }

    public SyntaxNode? Parent { get; private set; }

    /// <summary>The field of <see cref="Parent"/> that holds this node (<c>body</c>, <c>args</c>, …).</summary>
    public string? ParentField { get; private set; }

    public IEnumerable<string> FieldNames => _fields.Select(pair => pair.Key);

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public SyntaxNode? Child(string field) => Field(field) as SyntaxNode;

    public IReadOnlyList<SyntaxNode> Children(string field) =>
        Field(field) is ImmutableArray<SyntaxNode> list ? list : ImmutableArray<SyntaxNode>.Empty;

    /// <summary>A scalar field: an identifier, an operator name, a constant's value or type.</summary>
    public string? Scalar(string field) => Field(field) as string;

    /// <summary>Direct children in source order.</summary>
    public IEnumerable<SyntaxNode> ChildNodes() => SortedChildren();

    /// <summary>Every node below this one, depth first in source order.</summary>
    public IEnumerable<SyntaxNode> Descendants(Func<SyntaxNode, bool>? descendInto = null)
    {
        var stack = new Stack<SyntaxNode>();
        PushReversed(stack, SortedChildren());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (descendInto is null || descendInto(node))
            {
                PushReversed(stack, node.SortedChildren());
            }
        }
    }

    public IEnumerable<SyntaxNode> DescendantsAndSelf(Func<SyntaxNode, bool>? descendInto = null) =>
        new[] { this }.Concat(Descendants(descendInto));

    public IEnumerable<SyntaxNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }

    /// <summary>"a.b.c" for a chain of <c>Name</c>/<c>Attribute</c> nodes, else null.</summary>
    public string? DottedName() => Kind switch
    {
        "Name" => Scalar("id"),
        "Attribute" when Child("value")?.DottedName() is { } prefix => $"{prefix}.{Scalar("attr")}",
        _ => null,
    };

    public override string ToString() => $"{Kind}{Span}";

    private object? Field(string name)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, name, StringComparison.Ordinal))
            {
                return field.Value;
            }
        }

        return null;
    }

    private static void PushReversed(Stack<SyntaxNode> stack, SyntaxNode[] children)
    {
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    // The tree is immutable, so the sorted children are computed once per node (rules walk the tree many times).
    private SyntaxNode[] SortedChildren()
    {
        if (_childNodes is { } cached)
        {
            return cached;
        }

        var children = new List<SyntaxNode>();
        foreach (var (_, value) in _fields)
        {
            if (value is SyntaxNode node)
            {
                children.Add(node);
            }
            else if (value is ImmutableArray<SyntaxNode> list)
            {
                // "Missing" stands for a None inside a list (kw_defaults, dict keys of **spread).
                foreach (var item in list)
                {
                    if (!item.Is("Missing"))
                    {
                        children.Add(item);
                    }
                }
            }
        }

        // A stable sort: siblings with equal spans keep their field order.
        // CPython's fields mostly come in source order already: sort only when they do not.
        var sorted = children.ToArray();
        if (!InSpanOrder(sorted))
        {
            sorted = children.OrderBy(c => c.Span).ToArray();
        }

        return _childNodes = sorted;
    }

    private static bool InSpanOrder(SyntaxNode[] nodes)
    {
        for (var i = 1; i < nodes.Length; i++)
        {
            if (nodes[i - 1].Span.CompareTo(nodes[i].Span) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
