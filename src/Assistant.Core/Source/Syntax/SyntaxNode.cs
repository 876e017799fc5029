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
    private static readonly IReadOnlyList<SyntaxNode> NoChildren = Array.Empty<SyntaxNode>();

    // Not readonly: SetScalar replaces it (copy on write), since the parser shares the fields of equal leaves (Name loads).
    private KeyValuePair<string, object?>[] _fields;
    private SyntaxNode[]? _childNodes;

    // The parent, or on the root (which has none) the whole tree in depth-first source order, built there the first
    // time any node's descendants are asked for; each node's descendants are then the slice (_index, _end) of it.
    // One field for both keeps every node 8 bytes smaller (a tree has one node per ~6 characters of source).
    private object? _parentOrPreorder;
    private int _index;
    private int _end;

    // Which of the parent's fields holds this node (its index there; nodes have a handful of fields).
    private byte _parentField;

    internal SyntaxNode(string kind, TextSpan span, bool hasPosition, KeyValuePair<string, object?>[] fields)
    {
        Kind = kind;
        Span = span;
        HasPosition = hasPosition;
        _fields = fields;
        for (var i = 0; i < fields.Length; i++)
        {
            switch (fields[i].Value)
            {
                case SyntaxNode child:
                    child._parentOrPreorder = this;
                    child._parentField = (byte)i;
                    break;
                case SyntaxNode[] list:
                    foreach (var item in list)
                    {
                        item._parentOrPreorder = this;
                        item._parentField = (byte)i;
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

    /// <summary>While the in-process parser builds the tree: whether it found this expression inside its own parentheses.</summary>
    internal bool Parenthesized { get; set; }

    public SyntaxNode? Parent => _parentOrPreorder as SyntaxNode;

    /// <summary>The field of <see cref="Parent"/> that holds this node (<c>body</c>, <c>args</c>, …).</summary>
    public string? ParentField => Parent?._fields[_parentField].Key;

    public IEnumerable<string> FieldNames => _fields.Select(pair => pair.Key);

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public SyntaxNode? Child(string field) => Field(field) as SyntaxNode;

    // A list field is stored as the array itself, handed out read-only: no box to allocate or keep per list (nothing
    // writes to these arrays once the node is made).
    public IReadOnlyList<SyntaxNode> Children(string field) => Field(field) as SyntaxNode[] ?? NoChildren;

    /// <summary>A scalar field: an identifier, an operator name, a constant's value or type.</summary>
    public string? Scalar(string field) => Field(field) as string;

    /// <summary>Direct children in source order.</summary>
    public IEnumerable<SyntaxNode> ChildNodes() => SortedChildren();

    /// <summary>Every node below this one, depth first in source order; <paramref name="descendInto"/> false
    /// for a node skips what is below it.</summary>
    public IEnumerable<SyntaxNode> Descendants(Func<SyntaxNode, bool>? descendInto = null)
    {
        var order = Preorder();
        for (var i = _index + 1; i < _end;)
        {
            var node = order[i];
            yield return node;
            i = descendInto is null || descendInto(node) ? i + 1 : node._end;
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

    /// <summary>A copy of this tree with every position moved by <paramref name="map"/> (monotone), for text inserted
    /// where it changes no node: spans of kinds without a position are derived from the children again, as the reader does.</summary>
    internal SyntaxNode Shifted(Func<int, int> map) => ShiftedWithSpan(map).Node;

    private (SyntaxNode Node, bool HasSpan) ShiftedWithSpan(Func<int, int> map)
    {
        var fields = new KeyValuePair<string, object?>[_fields.Length];
        var childStart = int.MaxValue;
        var childEnd = int.MinValue;
        void Include((SyntaxNode Node, bool HasSpan) child)
        {
            if (child.HasSpan)
            {
                childStart = Math.Min(childStart, child.Node.Span.Start);
                childEnd = Math.Max(childEnd, child.Node.Span.End);
            }
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            var (name, value) = _fields[i];
            switch (value)
            {
                case SyntaxNode child:
                    var shifted = child.ShiftedWithSpan(map);
                    Include(shifted);
                    fields[i] = new KeyValuePair<string, object?>(name, shifted.Node);
                    break;
                case SyntaxNode[] list:
                    var items = new SyntaxNode[list.Length];
                    for (var k = 0; k < list.Length; k++)
                    {
                        var shiftedItem = list[k].ShiftedWithSpan(map);
                        Include(shiftedItem);
                        items[k] = shiftedItem.Node;
                    }

                    fields[i] = new KeyValuePair<string, object?>(name, items);
                    break;
                default:
                    fields[i] = _fields[i];
                    break;
            }
        }

        if (HasPosition)
        {
            return (new SyntaxNode(Kind, new TextSpan(map(Span.Start), map(Span.End)), true, fields), true);
        }

        var derived = childStart <= childEnd;
        return (new SyntaxNode(Kind, derived ? new TextSpan(childStart, childEnd) : default, false, fields), derived);
    }

    public override string ToString() => $"{Kind}{Span}";

    /// <summary>While the in-process parser builds the tree (before anyone reads it): replaces the scalar field
    /// <paramref name="name"/>, e.g. the context of an expression that turns out to be an assignment target.</summary>
    internal void SetScalar(string name, string value)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.Ordinal))
            {
                var fields = new KeyValuePair<string, object?>[_fields.Length];
                Array.Copy(_fields, fields, fields.Length);
                fields[i] = new KeyValuePair<string, object?>(name, value);
                _fields = fields;
                return;
            }
        }

        throw new InvalidOperationException($"{Kind} has no field {name}.");
    }

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

    private SyntaxNode[] Preorder()
    {
        var root = this;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        if (Volatile.Read(ref root._parentOrPreorder) is SyntaxNode[] built)
        {
            return built;
        }

        // Two threads may build it at once: both write the same indices, either array is the same order.
        var order = new List<SyntaxNode>();
        var stack = new Stack<(SyntaxNode Node, bool Closing)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, closing) = stack.Pop();
            if (closing)
            {
                node._end = order.Count;
                continue;
            }

            node._index = order.Count;
            order.Add(node);
            stack.Push((node, true));
            var children = node.SortedChildren();
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], false));
            }
        }

        var array = order.ToArray();
        Volatile.Write(ref root._parentOrPreorder, array);
        return array;
    }

    private static bool InOrder(SyntaxNode[] children)
    {
        for (var i = 1; i < children.Length; i++)
        {
            if (children[i - 1].Span.CompareTo(children[i].Span) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // The tree is immutable, so the sorted children are computed once per node (rules walk the tree many times).
    private SyntaxNode[] SortedChildren()
    {
        if (_childNodes is { } cached)
        {
            return cached;
        }

        // "Missing" stands for a None inside a list (kw_defaults, dict keys of **spread): not a child.
        var count = 0;
        foreach (var (_, value) in _fields)
        {
            if (value is SyntaxNode)
            {
                count++;
            }
            else if (value is SyntaxNode[] list)
            {
                foreach (var item in list)
                {
                    count += item.Is("Missing") ? 0 : 1;
                }
            }
        }

        var children = count == 0 ? [] : new SyntaxNode[count];
        var next = 0;
        foreach (var (_, value) in _fields)
        {
            if (value is SyntaxNode node)
            {
                children[next++] = node;
            }
            else if (value is SyntaxNode[] list)
            {
                foreach (var item in list)
                {
                    if (!item.Is("Missing"))
                    {
                        children[next++] = item;
                    }
                }
            }
        }

        // A stable sort: siblings with equal spans keep their field order. Fields mostly come in source order already.
        return _childNodes = InOrder(children) ? children : [.. children.OrderBy(c => c.Span)];
    }
}
