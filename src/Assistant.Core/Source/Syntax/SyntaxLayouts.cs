using System.Runtime.CompilerServices;

namespace Assistant.Core.Source.Syntax;

/// <summary>
/// The <see cref="SyntaxLayout"/>s a thread's trees use, found by kind and fields without allocating: a small open-addressed
/// table (a few hundred shapes occur), emptied if it ever fills. Equal shapes found on two threads are two equal layouts;
/// nothing compares layouts by reference. Also the buffers a node's fields are gathered in while it is made.
/// </summary>
internal sealed class SyntaxLayouts
{
    // Nodes have a handful of fields (arguments, the most, has seven): more than this many would not fit the buffers.
    public const int MaxFields = 32;

    private const int Slots = 1024;
    private const int MaxFilled = Slots / 2;

    [ThreadStatic]
    private static SyntaxLayouts? s_current;

    private readonly SyntaxLayout?[] _slots = new SyntaxLayout?[Slots];
    private int _filled;

    /// <summary>This thread's table.</summary>
    public static SyntaxLayouts Current => s_current ??= new SyntaxLayouts();

    /// <summary>Field names of the node being made (see <see cref="Find"/>).</summary>
    public string[] Names { get; } = new string[MaxFields];

    /// <summary>Field kinds of the node being made.</summary>
    public byte[] FieldKinds { get; } = new byte[MaxFields];

    /// <summary>The layout of <paramref name="kind"/> with the fields <paramref name="names"/> of kinds <paramref name="fieldKinds"/>
    /// (<paramref name="packedKinds"/>: the same, <see cref="SyntaxLayout.Pack"/>ed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxLayout Find(string kind, bool hasPosition, ReadOnlySpan<string> names, ReadOnlySpan<byte> fieldKinds, uint packedKinds)
    {
        // A hash of the kind's length and ends, the field count and kinds: shapes of one kind with the same kinds of fields
        // differ in names (a call with arguments or keywords), found by the next probe.
        var hash = ((uint)kind.Length * 31 + Ends(kind)) * 0x9E3779B1;
        hash ^= ((uint)names.Length << 1) + (hasPosition ? 1u : 0u) + (packedKinds * 0x85EBCA77);
        hash ^= hash >> 15;
        var slot = (int)(hash & (Slots - 1));
        while (_slots[slot] is { } layout)
        {
            if (layout.Matches(kind, hasPosition, names, fieldKinds, packedKinds))
            {
                return layout;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        if (_filled == MaxFilled)
        {
            Array.Clear(_slots);
            _filled = 0;
            return Find(kind, hasPosition, names, fieldKinds, packedKinds);
        }

        var made = new SyntaxLayout(kind, hasPosition, names.ToArray(), fieldKinds.ToArray());
        _slots[slot] = made;
        _filled++;
        return made;
    }

    private static uint Ends(string text) => text.Length == 0 ? 0u : text[0] + ((uint)text[^1] << 8);
}
