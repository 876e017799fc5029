using System.Runtime.CompilerServices;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The identifiers (and number literals) a thread's tokenizers read, each kept once as an <see cref="InternedName"/> with
/// whether it is a reserved word: trees of different modules share the same "self", "x", … strings and leaf fields,
/// reserved words are the literals the parser compares with, and no set is asked again whether a name is reserved. An
/// open-addressing table keyed by a hash the tokenizer computes while it scans the name (<see cref="Hash"/>), so a name's
/// characters are read once to find its entry.
/// </summary>
internal sealed class NameTable
{
    // Names are shared across the parses of a thread; past this many the table starts afresh (at a module's start). Tokens
    // hold their entries, so a table started afresh leaves the entries of earlier tokens valid (only no longer shared).
    private const int MaxNames = 50_000;
    private const int InitialSlots = 4096;
    private const uint Seed = 2166136261;

    [ThreadStatic]
    private static NameTable? s_current;

    // Each slot holds its entry's hash and string beside it: a probe reads no entry.
    private Slot[] _entries = new Slot[InitialSlots];
    private int _count;

    private NameTable() => AddReservedWords();

    /// <summary>This thread's table, emptied first when it has grown past its bound.</summary>
    public static NameTable ForModule()
    {
        var table = Current;
        if (table._count > MaxNames)
        {
            table._entries = new Slot[InitialSlots];
            table._count = 0;
            table.AddReservedWords();
        }

        return table;
    }

    /// <summary>This thread's table as it is.</summary>
    public static NameTable Current => s_current ??= new NameTable();

    /// <summary>The hash of an empty name, to which <see cref="Hash"/> adds one character at a time.</summary>
    public static uint EmptyHash => Seed;

    /// <summary>FNV-1a over UTF-16 units.</summary>
    public static uint Hash(uint hash, char c) => (hash ^ c) * 16777619;

    /// <summary>The kept string equal to <paramref name="name"/> (whose <see cref="Hash"/> is <paramref name="hash"/>), added when new.</summary>
    public string Intern(ReadOnlySpan<char> name, uint hash, out bool reserved)
    {
        var entry = Entry(name, hash);
        reserved = entry.Reserved;
        return entry.Text;
    }

    /// <summary>The entry of <paramref name="name"/>, added when new.</summary>
    public InternedName Entry(string name)
    {
        var hash = EmptyHash;
        foreach (var c in name)
        {
            hash = Hash(hash, c);
        }

        return Entry(name.AsSpan(), hash);
    }

    /// <summary>The entry of <paramref name="name"/> (whose <see cref="Hash"/> is <paramref name="hash"/>), added when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public InternedName Entry(ReadOnlySpan<char> name, uint hash)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Name is null)
            {
                // Every reserved word is in the table from the start: a new name is an identifier.
                var added = new InternedName(name.ToString(), hash, false);
                entry = new Slot(added.Text, added, hash);
                Grown();
                return added;
            }

            if (entry.Hash == hash && name.SequenceEqual(entry.Text))
            {
                return entry.Name;
            }
        }
    }

    private void AddReservedWords()
    {
        foreach (var word in Keywords.All)
        {
            var hash = EmptyHash;
            foreach (var c in word)
            {
                hash = Hash(hash, c);
            }

            Insert(new InternedName(word, hash, true));
        }
    }

    private void Grown()
    {
        if (++_count * 2 <= _entries.Length)
        {
            return;
        }

        var old = _entries;
        _entries = new Slot[old.Length * 2];
        _count = 0;
        foreach (var entry in old)
        {
            if (entry.Name is not null)
            {
                Insert(entry.Name);
            }
        }
    }

    private void Insert(InternedName added)
    {
        var mask = _entries.Length - 1;
        var slot = (int)(added.Hash & (uint)mask);
        while (_entries[slot].Name is not null)
        {
            slot = (slot + 1) & mask;
        }

        _entries[slot] = new Slot(added.Text, added, added.Hash);
        _count++;
    }

    private readonly record struct Slot(string? Text, InternedName? Name, uint Hash);
}
