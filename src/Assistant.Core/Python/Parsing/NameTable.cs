namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The identifiers a thread's tokenizers read, each kept once with whether it is a reserved word: trees of different
/// modules share the same "self", "x", … strings, reserved words are the literals the parser compares with, and no set is
/// asked again whether a name is reserved. An open-addressing table keyed by a hash the tokenizer computes while it scans
/// the name (<see cref="Hash"/>), so a name's characters are read once to find its string.
/// </summary>
internal sealed class NameTable
{
    // Names are shared across the parses of a thread; past this many the table starts afresh (at a module's start).
    private const int MaxNames = 50_000;
    private const int InitialSlots = 4096;
    private const uint Seed = 2166136261;

    [ThreadStatic]
    private static NameTable? s_current;

    private Entry[] _entries = new Entry[InitialSlots];
    private int _count;

    private NameTable() => AddReservedWords();

    /// <summary>This thread's table, emptied first when it has grown past its bound.</summary>
    public static NameTable ForModule()
    {
        var table = s_current ??= new NameTable();
        if (table._count > MaxNames)
        {
            table._entries = new Entry[InitialSlots];
            table._count = 0;
            table.AddReservedWords();
        }

        return table;
    }

    /// <summary>The hash of an empty name, to which <see cref="Hash"/> adds one character at a time.</summary>
    public static uint EmptyHash => Seed;

    /// <summary>FNV-1a over UTF-16 units.</summary>
    public static uint Hash(uint hash, char c) => (hash ^ c) * 16777619;

    /// <summary>The kept string equal to <paramref name="name"/> (whose <see cref="Hash"/> is <paramref name="hash"/>), added when new.</summary>
    public string Intern(ReadOnlySpan<char> name, uint hash, out bool reserved)
    {
        var mask = _entries.Length - 1;
        for (var slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[slot];
            if (entry.Name is null)
            {
                // Every reserved word is in the table from the start: a new name is an identifier.
                reserved = false;
                var text = name.ToString();
                entry = new Entry(text, hash, false);
                Grown();
                return text;
            }

            if (entry.Hash == hash && name.SequenceEqual(entry.Name))
            {
                reserved = entry.Reserved;
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

            Insert(new Entry(word, hash, true));
        }
    }

    private void Grown()
    {
        if (++_count * 2 <= _entries.Length)
        {
            return;
        }

        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _count = 0;
        foreach (var entry in old)
        {
            if (entry.Name is not null)
            {
                Insert(entry);
            }
        }
    }

    private void Insert(Entry added)
    {
        var mask = _entries.Length - 1;
        var slot = (int)(added.Hash & (uint)mask);
        while (_entries[slot].Name is not null)
        {
            slot = (slot + 1) & mask;
        }

        _entries[slot] = added;
        _count++;
    }

    private readonly record struct Entry(string? Name, uint Hash, bool Reserved);
}
