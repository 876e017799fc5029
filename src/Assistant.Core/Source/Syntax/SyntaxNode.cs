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

    // Children of one node beyond this many, out of order, are sorted in O(n log n) rather than by insertion.
    private const int MaxInsertionSort = 32;

    private const uint ScalarField = 0;
    private const uint NodeField = 1;
    private const uint ListField = 2;
    private const int MaskedFields = 16;

    // Not readonly: the parser sets an assignment target's context (SetScalar, ShareLeafFields) while it builds the tree.
    private KeyValuePair<string, object?>[] _fields;

    // The parent, or on the root (which has none) the whole tree in depth-first source order, built there the first
    // time any node's children or descendants are asked for; each node's descendants are then the slice
    // (_index, _index + _size) of it, and its children the first of them and each next one past the one before's.
    // One field for both keeps every node 8 bytes smaller (a tree has one node per ~6 characters of source).
    private object? _parentOrPreorder;
    private int _index;

    // The nodes of this subtree, itself included ("Missing" placeholders are not nodes of the tree): children are made
    // first, so the count is known when the node is made, and the pre-order of a tree is one array of the root's size.
    private readonly int _size;

    // Which fields hold a node (NodeField) or a list of nodes (ListField), two bits per field for the first sixteen (nodes
    // have a handful): a walk finds the children without reading the scalars, each another object whose first read
    // misses the cache (most of building a tree's pre-order was that).
    private readonly uint _nodeFields;

    // Which of the parent's fields holds this node (its index there; nodes have a handful of fields).
    private byte _parentField;

    internal SyntaxNode(string kind, TextSpan span, bool hasPosition, KeyValuePair<string, object?>[] fields)
    {
        Kind = kind;
        Span = span;
        HasPosition = hasPosition;
        _fields = fields;
        var size = 1;
        var nodeFields = 0u;
        for (var i = 0; i < fields.Length; i++)
        {
            var fieldKind = FieldKind(fields[i].Value);
            if (fieldKind == NodeField)
            {
                var child = (SyntaxNode)fields[i].Value!;
                child._parentOrPreorder = this;
                child._parentField = (byte)i;
                size += child._size;
            }
            else if (fieldKind == ListField)
            {
                foreach (var item in (SyntaxNode[])fields[i].Value!)
                {
                    item._parentOrPreorder = this;
                    item._parentField = (byte)i;
                    size += item.IsPlaceholder ? 0 : item._size;
                }
            }

            if (i < MaskedFields)
            {
                nodeFields |= fieldKind << (2 * i);
            }
        }

        _size = size;
        _nodeFields = nodeFields;
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
    public IEnumerable<SyntaxNode> ChildNodes()
    {
        var order = Preorder();
        var end = _index + _size;
        for (var i = _index + 1; i < end; i += order[i]._size)
        {
            yield return order[i];
        }
    }

    /// <summary>Every node below this one, depth first in source order; <paramref name="descendInto"/> false
    /// for a node skips what is below it.</summary>
    public IEnumerable<SyntaxNode> Descendants(Func<SyntaxNode, bool>? descendInto = null)
    {
        var order = Preorder();
        var end = _index + _size;
        for (var i = _index + 1; i < end;)
        {
            var node = order[i];
            yield return node;
            i = descendInto is null || descendInto(node) ? i + 1 : i + node._size;
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

    /// <summary>A copy of this tree with every position moved by <paramref name="map"/> (monotone), for text that moved
    /// unchanged (comment lines inserted where they change no node, statements an incremental re-parse keeps): spans of kinds
    /// without a position are derived from the children again, as the reader does.</summary>
    internal SyntaxNode Shifted(Func<int, int> map) => ShiftedWithSpan(map).Node;

    private (SyntaxNode Node, bool HasSpan) ShiftedWithSpan(Func<int, int> map)
    {
        if (_nodeFields == 0 && _fields.Length <= MaskedFields)
        {
            // A leaf: its fields hold no node, and nothing writes them once the tree is built, so the copy shares them.
            return HasPosition ? (new SyntaxNode(Kind, new TextSpan(map(Span.Start), map(Span.End)), true, _fields), true) : (new SyntaxNode(Kind, default, false, _fields), false);
        }

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
    /// <paramref name="name"/> in place, e.g. the context of an expression that turns out to be an assignment target.
    /// Only for a node whose fields are its own (not leaf fields shared with other nodes, see <see cref="ShareLeafFields"/>).</summary>
    internal void SetScalar(string name, string value)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.Ordinal))
            {
                _fields[i] = new KeyValuePair<string, object?>(name, value);
                return;
            }
        }

        throw new InvalidOperationException($"{Kind} has no field {name}.");
    }

    /// <summary>While the in-process parser builds the tree: gives a leaf (a node without children) other scalar fields,
    /// an array that equal leaves share and nobody writes (a Name's in the Store context instead of the Load one).</summary>
    internal void ShareLeafFields(KeyValuePair<string, object?>[] fields)
    {
        if (_size != 1 || Array.Exists(fields, field => field.Value is SyntaxNode or SyntaxNode[]))
        {
            throw new InvalidOperationException($"{Kind} is not a leaf, or the fields given hold nodes.");
        }

        _fields = fields;
    }

    /// <summary>Whether this node has a span: CPython gave it a position or, for kinds without one, a node below it has one.</summary>
    internal bool IsSpanned()
    {
        if (HasPosition)
        {
            return true;
        }

        foreach (var (_, value) in _fields)
        {
            if (value is SyntaxNode child && child.IsSpanned())
            {
                return true;
            }

            if (value is SyntaxNode[] list && Array.Exists(list, item => item.IsSpanned()))
            {
                return true;
            }
        }

        return false;
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

    // "Missing" stands for a None inside a list (kw_defaults, dict keys of **spread): not a node of the tree.
    private bool IsPlaceholder => !HasPosition && _fields.Length == 0 && string.Equals(Kind, "Missing", StringComparison.Ordinal);

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
        var order = new SyntaxNode[root._size];
        var next = 0;
        var pending = new Stack<SyntaxNode>();
        var children = new List<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            node._index = next;
            order[next++] = node;
            children.Clear();
            node.AddChildrenInSourceOrder(children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }

        Volatile.Write(ref root._parentOrPreorder, order);
        return order;
    }

    // The direct children, sorted by span; a stable sort, so siblings with equal spans keep their field order. Fields
    // mostly come in source order already; those that do not (a dict's keys and values, a def's decorators and return
    // annotation, parameters and their defaults) are mostly a handful of nodes, which an insertion sort orders in place.
    private void AddChildrenInSourceOrder(List<SyntaxNode> children)
    {
        var inOrder = true;
        for (var i = 0; i < _fields.Length; i++)
        {
            var kind = i < MaskedFields ? (_nodeFields >> (2 * i)) & 3 : FieldKind(_fields[i].Value);
            if (kind == NodeField)
            {
                inOrder = Append(children, (SyntaxNode)_fields[i].Value!, inOrder);
            }
            else if (kind == ListField)
            {
                foreach (var item in (SyntaxNode[])_fields[i].Value!)
                {
                    if (!item.IsPlaceholder)
                    {
                        inOrder = Append(children, item, inOrder);
                    }
                }
            }
        }

        if (inOrder)
        {
            return;
        }

        if (children.Count > MaxInsertionSort)
        {
            // A long display (a dict of thousands of items): a stable O(n log n) sort.
            var sorted = children.OrderBy(child => child.Span).ToArray();
            children.Clear();
            children.AddRange(sorted);
            return;
        }

        for (var i = 1; i < children.Count; i++)
        {
            var child = children[i];
            var k = i - 1;
            while (k >= 0 && children[k].Span.CompareTo(child.Span) > 0)
            {
                children[k + 1] = children[k];
                k--;
            }

            children[k + 1] = child;
        }
    }

    private static uint FieldKind(object? value) => value switch
    {
        SyntaxNode => NodeField,
        SyntaxNode[] => ListField,
        _ => ScalarField,
    };

    private static bool Append(List<SyntaxNode> children, SyntaxNode child, bool inOrder)
    {
        inOrder &= children.Count == 0 || children[^1].Span.CompareTo(child.Span) <= 0;
        children.Add(child);
        return inOrder;
    }
}
