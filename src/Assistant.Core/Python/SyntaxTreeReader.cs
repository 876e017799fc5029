using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python;

/// <summary>
/// Turns the worker's compact encoding of an <c>ast</c> tree (protocol 2) into <see cref="SyntaxNode"/>s, reading the
/// answer's UTF-8 bytes directly (<see cref="AnswerTokenizer"/>; no string or JSON document in between). The parse answer carries a kind table, <c>kinds</c>:
/// <c>[name, [field names]]</c> per node kind, before the <c>tree</c>, whose nodes are arrays
/// <c>[kind index, start, end, field values…]</c>; start and end are null for kinds CPython gives no position, whose span
/// is then the union of their children's. A null or missing field value is an absent field. Identifiers and other
/// short scalars repeat across a module: each distinct one is kept once per answer, and kind and field names once per process.
/// </summary>
internal sealed class SyntaxTreeReader
{
    /// <summary>How deep an answer may nest: CPython's trees go far deeper than the 64 levels JSON readers allow by default.</summary>
    public const int MaxDepth = 4096;

    private const int PooledLength = 64;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly char[] _chars = new char[PooledLength];

    // Scratch stacks shared by the nested reads: a node's fields (or a list's items) sit on top while it is read.
    private KeyValuePair<string, object?>[] _fields = new KeyValuePair<string, object?>[256];
    private int _fieldCount;
    private SyntaxNode?[] _items = new SyntaxNode?[256];
    private int _itemCount;
    private NodeKind[] _kinds = [];
    private int _depth;

    private SyntaxTreeReader() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public static JsonReaderOptions ReaderOptions => new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Reads a whole answer line of a <c>parse</c> request: null when it is not a success (the caller reads the
    /// error from it), else the tree, comments and syntax error the result holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ParseAnswer? ReadAnswer(ReadOnlySpan<byte> line)
    {
        var json = new AnswerTokenizer(line);
        var ok = false;
        ParseAnswer? answer = null;
        json.Expect((byte)'{');
        if (!json.Accept((byte)'}'))
        {
            do
            {
                var key = json.ReadStringBytes(out _);
                json.Expect((byte)':');
                if (key.SequenceEqual("ok"u8))
                {
                    ok = json.SkipValue().SequenceEqual("true"u8);
                }
                else if (key.SequenceEqual("result"u8) && json.Peek() == (byte)'{')
                {
                    answer = new SyntaxTreeReader().ReadResult(ref json);
                }
                else
                {
                    json.SkipValue();
                }
            }
            while (json.NextItem((byte)'}'));
        }

        json.EnsureEnd();
        return ok ? answer : null;
    }

    private ParseAnswer ReadResult(ref AnswerTokenizer json)
    {
        SyntaxNode? root = null;
        List<Comment>? comments = null;
        JsonElement? syntaxError = null;
        json.Expect((byte)'{');
        if (!json.Accept((byte)'}'))
        {
            do
            {
                var key = json.ReadStringBytes(out _);
                json.Expect((byte)':');
                if (key.SequenceEqual("kinds"u8))
                {
                    ReadKinds(ref json);
                }
                else if (key.SequenceEqual("tree"u8))
                {
                    json.Expect((byte)'[');
                    root = ReadNode(ref json).Node;
                }
                else if (key.SequenceEqual("comments"u8))
                {
                    comments = ReadComments(ref json);
                }
                else if (key.SequenceEqual("syntax_error"u8))
                {
                    syntaxError = JsonDocument.Parse(json.SkipValue().ToArray()).RootElement;
                }
                else
                {
                    json.SkipValue();
                }
            }
            while (json.NextItem((byte)'}'));
        }

        return new ParseAnswer(root, comments ?? [], syntaxError);
    }

    private void ReadKinds(ref AnswerTokenizer json)
    {
        var kinds = new List<NodeKind>();
        json.Expect((byte)'[');
        if (!json.Accept((byte)']'))
        {
            do
            {
                json.Expect((byte)'[');
                var name = SharedName(ref json);
                json.Expect((byte)',');
                json.Expect((byte)'[');
                var fields = new List<string>();
                if (!json.Accept((byte)']'))
                {
                    do
                    {
                        fields.Add(SharedName(ref json));
                    }
                    while (json.NextItem((byte)']'));
                }

                json.Expect((byte)']');
                kinds.Add(new NodeKind(name, [.. fields]));
            }
            while (json.NextItem((byte)']'));
        }

        _kinds = [.. kinds];
    }

    private static List<Comment> ReadComments(ref AnswerTokenizer json)
    {
        var comments = new List<Comment>();
        json.Expect((byte)'[');
        if (json.Accept((byte)']'))
        {
            return comments;
        }

        do
        {
            int? start = null, end = null;
            string? text = null;
            json.Expect((byte)'{');
            if (!json.Accept((byte)'}'))
            {
                do
                {
                    var key = json.ReadStringBytes(out _);
                    json.Expect((byte)':');
                    if (key.SequenceEqual("s"u8))
                    {
                        start = json.ReadInt32();
                    }
                    else if (key.SequenceEqual("e"u8))
                    {
                        end = json.ReadInt32();
                    }
                    else if (key.SequenceEqual("t"u8))
                    {
                        text = json.ReadString();
                    }
                    else
                    {
                        json.SkipValue();
                    }
                }
                while (json.NextItem((byte)'}'));
            }

            if (start is null || end is null || text is null)
            {
                throw new JsonException("A comment lacks its start, end or text.");
            }

            comments.Add(new Comment(new TextSpan(start.Value, end.Value), text));
        }
        while (json.NextItem((byte)']'));
        return comments;
    }

    // Kind and field names repeat across every node and every module: one string per name for the whole process.
    private static string SharedName(ref AnswerTokenizer json)
    {
        var bytes = json.ReadStringBytes(out var escaped);
        if (bytes.Length > PooledLength || escaped)
        {
            return Text(bytes, escaped);
        }

        Span<char> chars = stackalloc char[PooledLength];
        chars = chars[..AnswerTokenizer.DecodeInto(bytes, escaped, chars)];
        if (Names.TryGetValue(chars, out var known))
        {
            return known;
        }

        var name = new string(chars);
        return NamesByString.GetOrAdd(name, name);
    }

    private static string Text(ReadOnlySpan<byte> bytes, bool escaped)
    {
        var chars = new char[bytes.Length];
        return new string(chars, 0, AnswerTokenizer.DecodeInto(bytes, escaped, chars));
    }

    private static readonly ConcurrentDictionary<string, string> NamesByString = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Names = NamesByString.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A node (the reader is past its opening bracket) and whether it has a span (its own, or derived from its children).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (SyntaxNode Node, bool HasSpan) ReadNode(ref AnswerTokenizer json)
    {
        if (++_depth > MaxDepth)
        {
            throw new JsonException($"A syntax tree nests deeper than {MaxDepth} levels.");
        }

        var index = json.ReadInt32();
        if ((uint)index >= (uint)_kinds.Length)
        {
            throw new JsonException($"A syntax node names kind {index}, but the answer declares {_kinds.Length}.");
        }

        var kind = _kinds[index];
        int? start = null;
        var end = 0;
        var more = json.NextItem((byte)']');
        if (more)
        {
            start = json.AcceptNull() ? null : json.ReadInt32();
            more = json.NextItem((byte)']');
            if (more)
            {
                end = json.AcceptNull() ? 0 : json.ReadInt32();
                more = json.NextItem((byte)']');
            }
        }

        var fieldsStart = _fieldCount;
        var childStart = int.MaxValue;
        var childEnd = int.MinValue;
        var field = 0;
        for (; more; more = json.NextItem((byte)']'))
        {
            if (field >= kind.Fields.Length)
            {
                throw new JsonException($"A {kind.Name} node has more values than its {kind.Fields.Length} fields.");
            }

            var name = kind.Fields[field++];
            switch (json.Peek())
            {
                case (byte)'n':
                    json.AcceptNull();
                    break;
                case (byte)'[':
                    json.Expect((byte)'[');
                    var first = json.Peek();
                    if (first is (>= (byte)'0' and <= (byte)'9') or (byte)'-')
                    {
                        var (child, childHasSpan) = ReadNode(ref json);
                        Include(child, childHasSpan, ref childStart, ref childEnd);
                        PushField(name, child);
                    }
                    else if (!json.Accept((byte)']'))
                    {
                        PushField(name, ReadList(ref json, ref childStart, ref childEnd));
                    }

                    break;
                case (byte)'"':
                    PushField(name, ReadString(ref json));
                    break;
                default:
                    PushField(name, json.ReadRawScalar());
                    break;
            }
        }

        _depth--;
        var fields = _fields.AsSpan(fieldsStart, _fieldCount - fieldsStart).ToArray();
        _fields.AsSpan(fieldsStart, _fieldCount - fieldsStart).Clear();
        _fieldCount = fieldsStart;
        if (start is { } s)
        {
            return (new SyntaxNode(kind.Name, new TextSpan(s, end), true, fields), true);
        }

        // arguments, withitem, comprehension, match_case: the union of the children's spans, when they have any.
        var derived = childStart <= childEnd;
        return (new SyntaxNode(kind.Name, derived ? new TextSpan(childStart, childEnd) : default, false, fields), derived);
    }

    /// <summary>
    /// A non-empty list (the reader is past its opening bracket). Lists hold either nodes (None entries, as in
    /// kw_defaults, become placeholders so indexes stay aligned) or scalars (Global/Nonlocal names, comparison
    /// operators), joined by commas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private object ReadList(ref AnswerTokenizer json, ref int childStart, ref int childEnd)
    {
        var itemsStart = _itemCount;
        List<string?>? scalars = null;
        var anyNode = false;
        do
        {
            var next = json.Peek();
            if (next == (byte)'[')
            {
                json.Expect((byte)'[');
                var (node, hasSpan) = ReadNode(ref json);
                Include(node, hasSpan, ref childStart, ref childEnd);
                PushItem(node);
                anyNode = true;
                continue;
            }

            PushItem(null);
            (scalars ??= []).Add(next == (byte)'"' ? ReadString(ref json) : json.ReadRawScalar());
        }
        while (json.NextItem((byte)']'));

        var items = _items.AsSpan(itemsStart, _itemCount - itemsStart);
        _itemCount = itemsStart;
        if (!anyNode)
        {
            items.Clear();
            return string.Join(",", scalars!);
        }

        var nodes = new SyntaxNode[items.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = items[i] ?? Placeholder();
        }

        items.Clear();
        return nodes;
    }

    /// <summary>A string value; short ones (identifiers, operator names) are shared within the answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ReadString(ref AnswerTokenizer json)
    {
        var bytes = json.ReadStringBytes(out var escaped);
        if (bytes.Length > PooledLength)
        {
            return Text(bytes, escaped);
        }

        var chars = _chars.AsSpan(0, AnswerTokenizer.DecodeInto(bytes, escaped, _chars));
        if (_lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        _strings.Add(text, text);
        return text;
    }

    private void PushField(string name, object value)
    {
        if (_fieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[_fieldCount++] = new KeyValuePair<string, object?>(name, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PushItem(SyntaxNode? node)
    {
        if (_itemCount == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_itemCount++] = node;
    }

    private static void Include(SyntaxNode child, bool hasSpan, ref int start, ref int end)
    {
        if (hasSpan)
        {
            start = Math.Min(start, child.Span.Start);
            end = Math.Max(end, child.Span.End);
        }
    }

    private static SyntaxNode Placeholder() => new("Missing", default, false, []);

    private sealed record NodeKind(string Name, string[] Fields);
}
