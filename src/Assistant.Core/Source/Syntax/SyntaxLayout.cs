using System.Collections.ObjectModel;

namespace Assistant.Core.Source.Syntax;

/// <summary>
/// What the nodes of one shape share: their kind, whether CPython gives them a position, the names of their fields in
/// order and which of those hold a node or a list of nodes. A node keeps only its field values beside it, so the names are
/// stored once per shape (see <see cref="SyntaxLayouts"/>) instead of once per node. Immutable.
/// </summary>
internal sealed class SyntaxLayout
{
    /// <summary>A field holding a string (an identifier, an operator name, a constant's value or type).</summary>
    public const byte ScalarField = 0;

    /// <summary>A field holding one node.</summary>
    public const byte NodeField = 1;

    /// <summary>A field holding a list of nodes (<c>SyntaxNode[]</c>).</summary>
    public const byte ListField = 2;

    public SyntaxLayout(string kind, bool hasPosition, string[] names, byte[] fieldKinds)
    {
        if (names.Length != fieldKinds.Length)
        {
            throw new ArgumentException("one kind per field name", nameof(fieldKinds));
        }

        Kind = kind;
        HasPosition = hasPosition;
        Names = names;
        FieldKinds = fieldKinds;
        NameList = Array.AsReadOnly(names);
        HasNodes = Array.Exists(fieldKinds, fieldKind => fieldKind != ScalarField);
        PackedKinds = Pack(fieldKinds);
        IsPlaceholder = !hasPosition && names.Length == 0 && string.Equals(kind, "Missing", StringComparison.Ordinal);
    }

    public string Kind { get; }

    public bool HasPosition { get; }

    /// <summary>The field names, in the order CPython declares them (absent fields left out).</summary>
    public string[] Names { get; }

    /// <summary>Per field: <see cref="ScalarField"/>, <see cref="NodeField"/> or <see cref="ListField"/>.</summary>
    public byte[] FieldKinds { get; }

    public ReadOnlyCollection<string> NameList { get; }

    /// <summary>Whether any field holds a node or a list of nodes (else the node is a leaf).</summary>
    public bool HasNodes { get; }

    /// <summary>"Missing" stands for a None inside a list (kw_defaults, dict keys of **spread): not a node of the tree.</summary>
    public bool IsPlaceholder { get; }

    public int Count => Names.Length;

    /// <summary>The kinds of the first <see cref="PackedFields"/> fields, two bits each (see <see cref="Pack"/>).</summary>
    public uint PackedKinds { get; }

    /// <summary>How many fields' kinds <see cref="Pack"/> keeps.</summary>
    public const int PackedFields = 16;

    /// <summary>The kinds of the first <see cref="PackedFields"/> fields in one word, two bits each, the first field's lowest.</summary>
    public static uint Pack(ReadOnlySpan<byte> fieldKinds)
    {
        var packed = 0u;
        for (var i = 0; i < fieldKinds.Length && i < PackedFields; i++)
        {
            packed |= (uint)fieldKinds[i] << (2 * i);
        }

        return packed;
    }

    /// <summary>The index of the field <paramref name="name"/>, or -1 (nodes have a handful: a linear scan beats hashing).</summary>
    public int IndexOf(string name)
    {
        var names = Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], name) || string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether this layout is the one of <paramref name="kind"/> with these fields.</summary>
    public bool Matches(string kind, bool hasPosition, ReadOnlySpan<string> names, ReadOnlySpan<byte> fieldKinds, uint packedKinds)
    {
        if (PackedKinds != packedKinds || HasPosition != hasPosition || Names.Length != names.Length
            || (!ReferenceEquals(Kind, kind) && !string.Equals(Kind, kind, StringComparison.Ordinal))
            || (names.Length > PackedFields && !fieldKinds.SequenceEqual(FieldKinds)))
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!ReferenceEquals(Names[i], names[i]) && !string.Equals(Names[i], names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
