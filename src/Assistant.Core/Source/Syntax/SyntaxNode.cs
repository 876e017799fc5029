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
    private readonly ImmutableDictionary<string, object?> _fields;

    internal SyntaxNode(string kind, TextSpan span, bool hasPosition, ImmutableDictionary<string, object?> fields)
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

    public IEnumerable<string> FieldNames => _fields.Keys;

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public SyntaxNode? Child(string field) => _fields.GetValueOrDefault(field) as SyntaxNode;

    public IReadOnlyList<SyntaxNode> Children(string field) =>
        _fields.GetValueOrDefault(field) is ImmutableArray<SyntaxNode> list ? list : ImmutableArray<SyntaxNode>.Empty;

    /// <summary>A scalar field: an identifier, an operator name, a constant's value or type.</summary>
    public string? Scalar(string field) => _fields.GetValueOrDefault(field) as string;

    /// <summary>Direct children in source order.</summary>
    public IEnumerable<SyntaxNode> ChildNodes()
    {
        var children = new List<SyntaxNode>();
        foreach (var value in _fields.Values)
        {
            if (value is SyntaxNode node)
            {
                children.Add(node);
            }
            else if (value is ImmutableArray<SyntaxNode> list)
            {
                // "Missing" stands for a None inside a list (kw_defaults, dict keys of **spread).
                children.AddRange(list.Where(item => !item.Is("Missing")));
            }
        }

        children.Sort((a, b) => a.Span.CompareTo(b.Span));
        return children;
    }

    /// <summary>Every node below this one, depth first in source order.</summary>
    public IEnumerable<SyntaxNode> Descendants(Func<SyntaxNode, bool>? descendInto = null)
    {
        var stack = new Stack<SyntaxNode>(ChildNodes().Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (descendInto is null || descendInto(node))
            {
                foreach (var child in node.ChildNodes().Reverse())
                {
                    stack.Push(child);
                }
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
}
