using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>
/// The last parses of a session, keyed by everything a parse depends on (path, text, encoding, whether
/// comments were collected): the same text parsed again, as a step after one that made no edits does,
/// or a flow planned after another in the same file, costs a look-up instead of a worker round trip.
/// Bounded: the least recently used entry goes first. Thread-safe: a key is hashed once, by its caller,
/// and texts are compared outside the lock (a text is often MBs, and hashing or comparing it while holding
/// the lock made the other parse tasks spin).
/// </summary>
internal sealed class ParseCache(int capacity)
{
    // One entry per hash: two keys of one hash (rare) take turns, which costs a parse, never a wrong answer.
    private readonly Dictionary<int, LinkedListNode<(Key Key, ParseOutcome Outcome)>> _entries = [];
    private readonly LinkedList<(Key Key, ParseOutcome Outcome)> _recent = new();
    private readonly Lock _lock = new();

    public ParseOutcome? Find(Key key)
    {
        (Key Key, ParseOutcome Outcome) entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key.Hash, out var node))
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            entry = node.Value;
        }

        return entry.Key.Matches(key) ? entry.Outcome : null;
    }

    public void Add(Key key, ParseOutcome outcome)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key.Hash, out var known))
            {
                if (known.Value.Key.Matches(key))
                {
                    return;
                }

                _recent.Remove(known);
            }

            _entries[key.Hash] = _recent.AddFirst((key, outcome));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recent.Last!.Value.Key.Hash);
                _recent.RemoveLast();
            }
        }
    }

    /// <summary>What a parse depends on, hashed once (<see cref="Of"/>) outside the cache's lock.</summary>
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
