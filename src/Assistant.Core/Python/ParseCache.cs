using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>
/// The last parses of a session, keyed by everything a parse depends on (path, text, encoding, whether
/// comments were collected): the same text parsed again, as a step after one that made no edits does,
/// or a flow planned after another in the same file, costs a dictionary look-up instead of a worker
/// round trip. Bounded: the least recently used entry goes first. Thread-safe.
/// </summary>
internal sealed class ParseCache(int capacity)
{
    private readonly Dictionary<Key, LinkedListNode<(Key Key, ParseOutcome Outcome)>> _entries = [];
    private readonly LinkedList<(Key Key, ParseOutcome Outcome)> _recent = new();
    private readonly Lock _lock = new();

    public ParseOutcome? Find(string path, string text, SourceEncoding encoding, bool comments)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(new Key(path, text, encoding, comments), out var node))
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Outcome;
        }
    }

    public void Add(string path, string text, SourceEncoding encoding, bool comments, ParseOutcome outcome)
    {
        var key = new Key(path, text, encoding, comments);
        lock (_lock)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            _entries[key] = _recent.AddFirst((key, outcome));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recent.Last!.Value.Key);
                _recent.RemoveLast();
            }
        }
    }

    private readonly record struct Key(string Path, string Text, SourceEncoding Encoding, bool Comments);
}
