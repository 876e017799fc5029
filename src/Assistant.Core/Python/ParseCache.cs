using System.Collections.Concurrent;
using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>
/// The last parses of a session, keyed by everything a parse depends on (path, text, encoding, whether
/// comments were collected): the same text parsed again, as a step after one that made no edits does,
/// or a flow planned after another in the same file, costs a look-up instead of a worker round trip.
/// Bounded: the least recently used entry goes first. Thread-safe without a lock of its own (every parse looks
/// first and adds after, from several tasks at once; with a lock they spun while a preempted holder kept it): a
/// key is hashed once, by its caller, and texts are compared outside any lock.
/// </summary>
internal sealed class ParseCache(int capacity)
{
    private int _capacity = capacity;

    // One entry per hash: two keys of one hash (rare) take turns, which costs a parse, never a wrong answer.
    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private long _clock;
    private int _count;

    public ParseOutcome? Find(Key key)
    {
        if (!_entries.TryGetValue(key.Hash, out var entry))
        {
            return null;
        }

        Volatile.Write(ref entry.LastUsed, Interlocked.Increment(ref _clock));
        return entry.Key.Matches(key) ? entry.Outcome : null;
    }

    public void Add(Key key, ParseOutcome outcome)
    {
        var added = new Entry(key, outcome) { LastUsed = Interlocked.Increment(ref _clock) };
        if (!_entries.TryAdd(key.Hash, added))
        {
            // The first parse of a key stays; another key of the same hash takes the place.
            if (_entries.TryGetValue(key.Hash, out var known) && !known.Key.Matches(key))
            {
                _entries[key.Hash] = added;
            }

            return;
        }

        if (Interlocked.Increment(ref _count) <= Volatile.Read(ref _capacity))
        {
            return;
        }

        // Entries are few (tens, or a session's flow files): the least recently used one is found by a scan. Two adders may each drop
        // one at once, which costs a later parse, never a wrong answer.
        var oldest = added;
        foreach (var (_, entry) in _entries)
        {
            if (Volatile.Read(ref entry.LastUsed) < Volatile.Read(ref oldest.LastUsed))
            {
                oldest = entry;
            }
        }

        if (_entries.TryRemove(new KeyValuePair<int, Entry>(oldest.Key.Hash, oldest)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>The number of parses kept from now on: at least <paramref name="entries"/> (never fewer than before).</summary>
    public void KeepAtLeast(int entries)
    {
        int current;
        while ((current = Volatile.Read(ref _capacity)) < entries && Interlocked.CompareExchange(ref _capacity, entries, current) != current)
        {
        }
    }

    private sealed class Entry(Key key, ParseOutcome outcome)
    {
        public Key Key { get; } = key;

        public ParseOutcome Outcome { get; } = outcome;

        // The cache's clock when the entry was last added or found.
        public long LastUsed;
    }

    /// <summary>What a parse depends on, hashed once (<see cref="Of"/>) before the cache is asked.</summary>
    public readonly struct Key
    {
        private Key(string path, string text, SourceEncoding encoding, bool comments)
        {
            Path = path;
            Text = text;
            Encoding = encoding;
            Comments = comments;
            Hash = HashCode.Combine(string.GetHashCode(path, StringComparison.Ordinal), string.GetHashCode(text, StringComparison.Ordinal), encoding, comments);
        }

        public string Path { get; }

        public string Text { get; }

        public SourceEncoding Encoding { get; }

        public bool Comments { get; }

        public int Hash { get; }

        public static Key Of(string path, string text, SourceEncoding encoding, bool comments) => new(path, text, encoding, comments);

        public bool Matches(Key other) =>
            Hash == other.Hash && Comments == other.Comments && string.Equals(Path, other.Path, StringComparison.Ordinal)
            && Encoding.Equals(other.Encoding) && string.Equals(Text, other.Text, StringComparison.Ordinal);
    }
}
