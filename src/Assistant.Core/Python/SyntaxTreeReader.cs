using System.Collections.Immutable;
using System.Text.Json;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python;

/// <summary>
/// Turns the worker's compact encoding of an <c>ast</c> tree (protocol 2) into <see cref="SyntaxNode"/>s. The parse
/// answer carries a kind table, <c>kinds</c>: <c>[name, [field names]]</c> per node kind, and the <c>tree</c>, whose
/// nodes are arrays <c>[kind index, start, end, field values…]</c>; start and end are null for kinds CPython gives no
/// position, whose span is then the union of their children's. A null or missing field value is an absent field.
/// </summary>
internal static class SyntaxTreeReader
{
    /// <summary>Reads the tree of a parse answer (an object with <c>kinds</c> and <c>tree</c>).</summary>
    public static SyntaxNode Read(JsonElement result)
    {
        var kinds = result.GetProperty("kinds").EnumerateArray().Select(ReadKind).ToArray();
        return ReadNode(result.GetProperty("tree"), kinds).Node;
    }

    private static NodeKind ReadKind(JsonElement entry)
    {
        using var parts = entry.EnumerateArray();
        parts.MoveNext();
        var name = Shared(parts.Current.GetString()!);
        parts.MoveNext();
        return new NodeKind(name, parts.Current.EnumerateArray().Select(field => Shared(field.GetString()!)).ToArray());
    }

    // Kind and field names repeat across every node: share one string per name instead of one per occurrence.
    private static string Shared(string name) => string.IsInterned(name) ?? name;

    /// <summary>A node and whether it has a span (its own, or derived from its children).</summary>
    private static (SyntaxNode Node, bool HasSpan) ReadNode(JsonElement element, NodeKind[] kinds)
    {
        using var items = element.EnumerateArray();
        items.MoveNext();
        var index = items.Current.GetInt32();
        if ((uint)index >= (uint)kinds.Length)
        {
            throw new JsonException($"A syntax node names kind {index}, but the answer declares {kinds.Length}.");
        }

        var kind = kinds[index];
        int? start = items.MoveNext() && items.Current.ValueKind == JsonValueKind.Number ? items.Current.GetInt32() : null;
        var end = items.MoveNext() && items.Current.ValueKind == JsonValueKind.Number ? items.Current.GetInt32() : 0;
        var fields = new List<KeyValuePair<string, object?>>(kind.Fields.Length);
        var childStart = int.MaxValue;
        var childEnd = int.MinValue;
        var field = 0;
        while (items.MoveNext())
        {
            if (field >= kind.Fields.Length)
            {
                throw new JsonException($"A {kind.Name} node has more values than its {kind.Fields.Length} fields.");
            }

            var name = kind.Fields[field++];
            var value = items.Current;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.Array when IsNode(value):
                    var (child, childHasSpan) = ReadNode(value, kinds);
                    Include(child, childHasSpan, ref childStart, ref childEnd);
                    fields.Add(new KeyValuePair<string, object?>(name, child));
                    break;
                case JsonValueKind.Array:
                    if (value.GetArrayLength() > 0)
                    {
                        fields.Add(new KeyValuePair<string, object?>(name, ReadList(value, kinds, ref childStart, ref childEnd)));
                    }

                    break;
                case JsonValueKind.String:
                    fields.Add(new KeyValuePair<string, object?>(name, value.GetString()));
                    break;
                default:
                    fields.Add(new KeyValuePair<string, object?>(name, value.GetRawText()));
                    break;
            }
        }

        if (start is { } s)
        {
            return (new SyntaxNode(kind.Name, new TextSpan(s, end), true, fields.ToArray()), true);
        }

        // arguments, withitem, comprehension, match_case: the union of the children's spans, when they have any.
        var derived = childStart <= childEnd;
        return (new SyntaxNode(kind.Name, derived ? new TextSpan(childStart, childEnd) : default, false, fields.ToArray()), derived);
    }

    private static void Include(SyntaxNode child, bool hasSpan, ref int start, ref int end)
    {
        if (hasSpan)
        {
            start = Math.Min(start, child.Span.Start);
            end = Math.Max(end, child.Span.End);
        }
    }

    // A node's first value is its kind index, a number; a list's first item is a node, a string or null.
    private static bool IsNode(JsonElement array)
    {
        using var items = array.EnumerateArray();
        return items.MoveNext() && items.Current.ValueKind == JsonValueKind.Number;
    }

    private static object ReadList(JsonElement value, NodeKind[] kinds, ref int childStart, ref int childEnd)
    {
        // Lists hold either nodes (None entries, as in kw_defaults, become placeholders so indexes
        // stay aligned) or scalars (Global/Nonlocal names, comparison operators).
        var isNodeList = false;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                isNodeList = true;
                break;
            }
        }

        if (!isNodeList)
        {
            return string.Join(",", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText()));
        }

        var nodes = ImmutableArray.CreateBuilder<SyntaxNode>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                var (node, hasSpan) = ReadNode(item, kinds);
                Include(node, hasSpan, ref childStart, ref childEnd);
                nodes.Add(node);
            }
            else
            {
                nodes.Add(Placeholder());
            }
        }

        return nodes.MoveToImmutable();
    }

    private static SyntaxNode Placeholder() => new("Missing", default, false, []);

    private sealed record NodeKind(string Name, string[] Fields);
}
