namespace Assistant.Core.Source.Syntax;

/// <summary>
/// One node of a Python syntax tree as CPython's <c>ast</c> module produced it: the node kind
/// (<c>Call</c>, <c>FunctionDef</c>, …), its span in UTF-16 units, child nodes by field name and
/// scalar fields (identifiers, operator names, constant values) as strings. Typed views over the
/// kinds rules use live beside this type (<see cref="CallSyntax"/>, <see cref="FunctionDefSyntax"/>, …).
/// </summary>
public sealed class SyntaxNode
{
    private static readonly IReadOnlyList<SyntaxNode> NoChildren = Array.Empty<SyntaxNode>();

    // Children of one node beyond this many, out of order, are sorted in O(n log n) rather than by insertion.
    private const int MaxInsertionSort = 32;

    // _bits: the subtree's size in the low bits, then which of the parent's fields holds this node (its index there, or
    // FieldUnknown past the first 31: nodes have a handful of fields), then whether the parser found it in parentheses.
    // One word for the three keeps a node at 56 bytes (a tree has one node per ~6 characters of source).
    private const int SizeBits = 26;
    private const uint SizeMask = (1u << SizeBits) - 1;
    private const int FieldShift = SizeBits;
    private const uint FieldUnknown = 31;
    private const uint FieldMask = FieldUnknown << FieldShift;
    private const uint ParenthesizedBit = 1u << 31;

    // The kind, field names and which fields hold nodes: shared by all nodes of one shape.
    private readonly SyntaxLayout _layout;

    // The field values in the layout's order: the value itself when the layout has one field, else an object?[] (null
    // without fields). Not readonly: the parser sets an assignment target's context (SetScalar, ShareLeafValues) while it
    // builds the tree.
    private object? _values;

    // The parent, or on the root (which has none) the whole tree in depth-first source order, built there the first
    // time any node's children or descendants are asked for; each node's descendants are then the slice
    // (_index, _index + size) of it, and its children the first of them and each next one past the one before's.
    private object? _parentOrPreorder;
    private int _index;

    // The size counts the nodes of this subtree, itself included ("Missing" placeholders are not nodes of the tree):
    // children are made first, so the count is known when the node is made, and the pre-order of a tree is one array of
    // the root's size.
    private uint _bits;

    /// <summary>A node of <paramref name="kind"/> with <paramref name="fields"/> in CPython's order (absent ones left out):
    /// values are nodes, arrays of nodes, or strings.</summary>
    internal SyntaxNode(string kind, TextSpan span, bool hasPosition, KeyValuePair<string, object?>[] fields)
        : this(LayoutOf(kind, hasPosition, fields), span, ValuesOf(fields))
    {
    }

    /// <summary>A node of <paramref name="layout"/>'s shape; <paramref name="values"/> as <see cref="_values"/> holds them
    /// (a leaf's may be shared with other leaves: nothing writes them).</summary>
    internal SyntaxNode(SyntaxLayout layout, TextSpan span, object? values)
    {
        _layout = layout;
        Span = span;
        _values = values;
        var size = 1L;
        if (layout.HasNodes)
        {
            var kinds = layout.FieldKinds;
            if (kinds.Length == 1)
            {
                size += Adopt(values, kinds[0], 0);
            }
            else
            {
                var all = (object?[])values!;
                for (var i = 0; i < kinds.Length; i++)
                {
                    size += Adopt(all[i], kinds[i], i);
                }
            }
        }

        if (size > SizeMask)
        {
            throw new InvalidOperationException($"A syntax tree of more than {SizeMask} nodes is not supported.");
        }

        _bits = (uint)size | FieldMask;
    }

    public string Kind => _layout.Kind;

    /// <summary>The node's text range. For kinds CPython gives no position (arguments, withitem,
    /// comprehension) it is the union of the children's spans.</summary>
    public TextSpan Span { get; }

    public bool HasPosition => _layout.HasPosition;

    /// <summary>While the in-process parser builds the tree: whether it found this expression inside its own parentheses.</summary>
    internal bool Parenthesized
    {
        get => (_bits & ParenthesizedBit) != 0;
        set => _bits = value ? _bits | ParenthesizedBit : _bits & ~ParenthesizedBit;
    }

    public SyntaxNode? Parent => _parentOrPreorder as SyntaxNode;

    /// <summary>The field of <see cref="Parent"/> that holds this node (<c>body</c>, <c>args</c>, …).</summary>
    public string? ParentField => Parent is { } parent ? parent._layout.Names[parent.FieldIndexOf(this)] : null;

    public IEnumerable<string> FieldNames => _layout.NameList;

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public SyntaxNode? Child(string field) => Field(field) as SyntaxNode;

    // A list field is stored as the array itself, handed out read-only: no box to allocate or keep per list (nothing
    // writes to these arrays once the node is made).
    public IReadOnlyList<SyntaxNode> Children(string field) => Field(field) as SyntaxNode[] ?? NoChildren;

    /// <summary>A scalar field: an identifier, an operator name, a constant's value or type.</summary>
    public string? Scalar(string field) => Field(field) as string;

    /// <summary>Direct children in source order.</summary>
    public IEnumerable<SyntaxNode> ChildNodes() => Size == 1 ? NoChildren : ChildNodesBelow();

    /// <summary>Every node below this one, depth first in source order; <paramref name="descendInto"/> false
    /// for a node skips what is below it.</summary>
    public IEnumerable<SyntaxNode> Descendants(Func<SyntaxNode, bool>? descendInto = null) => Size == 1 ? NoChildren : Walk(self: false, descendInto);

    /// <summary>This node, then <see cref="Descendants"/> (<paramref name="descendInto"/> is not asked about this node).</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf(Func<SyntaxNode, bool>? descendInto = null) => Walk(self: true, descendInto);

    // Walks ask every node for its children and descendants: a leaf answers with no enumerator to make.
    private IEnumerable<SyntaxNode> ChildNodesBelow()
    {
        var order = Preorder();
        var end = _index + Size;
        for (var i = _index + 1; i < end; i += order[i].Size)
        {
            yield return order[i];
        }
    }

    // One iterator for a walk, whether it starts with this node or below it.
    private IEnumerable<SyntaxNode> Walk(bool self, Func<SyntaxNode, bool>? descendInto)
    {
        if (self)
        {
            yield return this;
        }

        if (Size == 1)
        {
            yield break;
        }

        var order = Preorder();
        var end = _index + Size;
        for (var i = _index + 1; i < end;)
        {
            var node = order[i];
            yield return node;
            i = descendInto is null || descendInto(node) ? i + 1 : i + node.Size;
        }
    }

    public IEnumerable<SyntaxNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }

    /// <summary>"a.b.c" for a chain of <c>Name</c>/<c>Attribute</c> nodes, else null.</summary>
    public string? DottedName()
    {
        if (Is("Name"))
        {
            return Scalar("id");
        }

        // One string for the whole chain (rules ask for the names of most calls), not one per link.
        var length = 0;
        var node = this;
        while (node.Is("Attribute"))
        {
            length += 1 + (node.Scalar("attr")?.Length ?? 0);
            if (node.Child("value") is not { } value)
            {
                return null;
            }

            node = value;
        }

        if (length == 0 || !node.Is("Name") || node.Scalar("id") is not { } head)
        {
            return null;
        }

        return string.Create(head.Length + length, this, static (chars, last) =>
        {
            var end = chars.Length;
            for (var link = last; link.Is("Attribute"); link = link.Child("value")!)
            {
                var attr = link.Scalar("attr") ?? string.Empty;
                end -= attr.Length;
                attr.CopyTo(chars[end..]);
                chars[--end] = '.';
            }

            last.DottedNameHead().CopyTo(chars);
        });
    }

    // The Name at the bottom of an attribute chain DottedName has checked: its identifier.
    private string DottedNameHead()
    {
        var node = this;
        while (node.Is("Attribute"))
        {
            node = node.Child("value")!;
        }

        return node.Scalar("id")!;
    }

    /// <summary>A copy of this tree with every position moved by <paramref name="map"/> (monotone), for text that moved
    /// unchanged (comment lines inserted where they change no node, statements an incremental re-parse keeps): spans of kinds
    /// without a position are derived from the children again, as the reader does. The copy shares the leaves' scalar values
    /// (nothing writes them once the tree is built) and nothing else: every node of it has the copy's nodes as parents.</summary>
    internal SyntaxNode Shifted<TMap>(TMap map)
        where TMap : struct, IPositionMap
    {
        var start = int.MaxValue;
        var end = int.MinValue;
        return Copy(ref map, ref start, ref end);
    }

    /// <summary><see cref="Shifted{TMap}"/> of a node with a position, except that its list field <paramref name="field"/> holds
    /// <paramref name="replacement"/> (nodes no tree holds yet, non-empty) instead of copies of its nodes: a definition whose
    /// decorators were parsed again while the rest of it only moved.</summary>
    internal SyntaxNode ShiftedReplacing<TMap>(TMap map, string field, SyntaxNode[] replacement)
        where TMap : struct, IPositionMap
    {
        var index = _layout.IndexOf(field);
        if (!HasPosition || _layout.Count < 2 || index < 0 || _layout.FieldKinds[index] != SyntaxLayout.ListField || replacement.Length == 0)
        {
            throw new InvalidOperationException($"{Kind} has no list field {field} among others, or no position.");
        }

        var start = int.MaxValue;
        var end = int.MinValue;
        var old = (object?[])_values!;
        var values = new object?[old.Length];
        for (var i = 0; i < old.Length; i++)
        {
            values[i] = i == index ? replacement : CopyValue(old[i], ref map, ref start, ref end);
        }

        return new SyntaxNode(_layout, new TextSpan(map.Map(Span.Start), map.Map(Span.End)), values);
    }

    // The copy of this subtree; widens [start, end] by the copy's span when it has one (a position, or for kinds without
    // one, a child with a span).
    private SyntaxNode Copy<TMap>(ref TMap map, ref int start, ref int end)
        where TMap : struct, IPositionMap
    {
        object? values;
        var childStart = int.MaxValue;
        var childEnd = int.MinValue;
        if (!_layout.HasNodes)
        {
            // A leaf: its fields hold no node, and nothing writes them once the tree is built, so the copy shares them.
            values = _values;
        }
        else if (_layout.Count == 1)
        {
            values = CopyValue(_values, ref map, ref childStart, ref childEnd);
        }
        else
        {
            var old = (object?[])_values!;
            var copy = new object?[old.Length];
            for (var i = 0; i < old.Length; i++)
            {
                copy[i] = CopyValue(old[i], ref map, ref childStart, ref childEnd);
            }

            values = copy;
        }

        TextSpan span;
        if (HasPosition)
        {
            span = new TextSpan(map.Map(Span.Start), map.Map(Span.End));
        }
        else if (childStart <= childEnd)
        {
            span = new TextSpan(childStart, childEnd);
        }
        else
        {
            return new SyntaxNode(_layout, default, values);
        }

        start = Math.Min(start, span.Start);
        end = Math.Max(end, span.End);
        return new SyntaxNode(_layout, span, values);
    }

    private static object? CopyValue<TMap>(object? value, ref TMap map, ref int start, ref int end)
        where TMap : struct, IPositionMap
    {
        switch (value)
        {
            case SyntaxNode child:
                return child.Copy(ref map, ref start, ref end);
            case SyntaxNode[] list:
                var items = new SyntaxNode[list.Length];
                for (var k = 0; k < list.Length; k++)
                {
                    items[k] = list[k].Copy(ref map, ref start, ref end);
                }

                return items;
            default:
                // Scalars: strings nobody writes once the tree is built.
                return value;
        }
    }

    public override string ToString() => $"{Kind}{Span}";

    /// <summary>While the in-process parser builds the tree (before anyone reads it): replaces the scalar field
    /// <paramref name="name"/> in place, e.g. the context of an expression that turns out to be an assignment target.
    /// Only for a node whose values are its own (not leaf values shared with other nodes, see <see cref="ShareLeafValues"/>).</summary>
    internal void SetScalar(string name, string value)
    {
        var index = _layout.IndexOf(name);
        if (index < 0 || _layout.FieldKinds[index] != SyntaxLayout.ScalarField)
        {
            throw new InvalidOperationException($"{Kind} has no scalar field {name}.");
        }

        if (_layout.Count == 1)
        {
            _values = value;
        }
        else
        {
            ((object?[])_values!)[index] = value;
        }
    }

    /// <summary>While the in-process parser builds the tree: gives a leaf (a node without children) other scalar values in
    /// the same fields, an array that equal leaves share and nobody writes (a Name's in the Store context instead of the Load one).</summary>
    internal void ShareLeafValues(object?[] values)
    {
        if (Size != 1 || _layout.HasNodes || _layout.Count < 2 || values.Length != _layout.Count)
        {
            throw new InvalidOperationException($"{Kind} is not a leaf of {values.Length} fields.");
        }

        _values = values;
    }

    /// <summary>Whether this node has a span: CPython gave it a position or, for kinds without one, a node below it has one.</summary>
    internal bool IsSpanned()
    {
        if (HasPosition)
        {
            return true;
        }

        if (!_layout.HasNodes)
        {
            return false;
        }

        for (var i = 0; i < _layout.Count; i++)
        {
            var value = ValueAt(i);
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
        var index = _layout.IndexOf(name);
        return index < 0 ? null : ValueAt(index);
    }

    private object? ValueAt(int index) => _layout.Count == 1 ? _values : ((object?[])_values!)[index];

    private int Size => (int)(_bits & SizeMask);

    private bool IsPlaceholder => _layout.IsPlaceholder;

    // Makes the nodes of a field (of kind fieldKind) this node's children; their size.
    private long Adopt(object? value, byte fieldKind, int field)
    {
        if (fieldKind == SyntaxLayout.NodeField)
        {
            var child = (SyntaxNode)value!;
            child.AdoptBy(this, field);
            return child.Size;
        }

        if (fieldKind != SyntaxLayout.ListField)
        {
            return 0;
        }

        var size = 0L;
        foreach (var item in (SyntaxNode[])value!)
        {
            item.AdoptBy(this, field);
            size += item.IsPlaceholder ? 0 : item.Size;
        }

        return size;
    }

    private void AdoptBy(SyntaxNode parent, int field)
    {
        _parentOrPreorder = parent;
        _bits = (_bits & ~FieldMask) | ((uint)Math.Min(field, FieldUnknown) << FieldShift);
    }

    // Which of this node's fields holds child: the index kept in the child, or past the first 31 fields, a search.
    private int FieldIndexOf(SyntaxNode child)
    {
        var field = (child._bits & FieldMask) >> FieldShift;
        if (field < FieldUnknown)
        {
            return (int)field;
        }

        for (var i = (int)FieldUnknown; i < _layout.Count; i++)
        {
            if (ReferenceEquals(ValueAt(i), child) || (ValueAt(i) is SyntaxNode[] list && Array.IndexOf(list, child) >= 0))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{child} is not a child of {this}.");
    }

    private static SyntaxLayout LayoutOf(string kind, bool hasPosition, KeyValuePair<string, object?>[] fields)
    {
        // The thread's buffers hold a node's fields (CPython's have a handful); more take buffers of their own.
        var layouts = SyntaxLayouts.Current;
        var fits = fields.Length <= SyntaxLayouts.MaxFields;
        var names = fits ? layouts.Names.AsSpan(0, fields.Length) : new string[fields.Length];
        var kinds = fits ? layouts.FieldKinds.AsSpan(0, fields.Length) : new byte[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            names[i] = fields[i].Key;
            kinds[i] = FieldKind(fields[i].Value);
        }

        return layouts.Find(kind, hasPosition, names, kinds, SyntaxLayout.Pack(kinds));
    }

    private static object? ValuesOf(KeyValuePair<string, object?>[] fields)
    {
        switch (fields.Length)
        {
            case 0:
                return null;
            case 1:
                return fields[0].Value;
            default:
                var values = new object?[fields.Length];
                for (var i = 0; i < fields.Length; i++)
                {
                    values[i] = fields[i].Value;
                }

                return values;
        }
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
        var order = new SyntaxNode[root.Size];
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
        if (!_layout.HasNodes)
        {
            return;
        }

        var inOrder = true;
        var kinds = _layout.FieldKinds;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == SyntaxLayout.NodeField)
            {
                inOrder = Append(children, (SyntaxNode)ValueAt(i)!, inOrder);
            }
            else if (kinds[i] == SyntaxLayout.ListField)
            {
                foreach (var item in (SyntaxNode[])ValueAt(i)!)
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

    private static byte FieldKind(object? value) => value switch
    {
        SyntaxNode => SyntaxLayout.NodeField,
        SyntaxNode[] => SyntaxLayout.ListField,
        _ => SyntaxLayout.ScalarField,
    };

    private static bool Append(List<SyntaxNode> children, SyntaxNode child, bool inOrder)
    {
        inOrder &= children.Count == 0 || children[^1].Span.CompareTo(child.Span) <= 0;
        children.Add(child);
        return inOrder;
    }
}
