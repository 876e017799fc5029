using System.Runtime.CompilerServices;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Makes the parser's <see cref="SyntaxNode"/>s directly, bottom up, exactly as <c>SyntaxTreeReader</c> reads the worker's
/// answer: absent fields (null, empty lists) left out, null items of node lists as "Missing" placeholders (a list of only
/// nulls as the scalar "null,null,…"), scalar lists joined with commas, and kinds without a position spanning the union of
/// their children. Field values given are nodes, lists of nodes (null items allowed), strings, lists of strings, or null; lists
/// lent by <see cref="NodeListPool"/> go back to it.
/// </summary>
internal static class SyntaxNodeBuilder
{
    /// <summary>A node CPython gives a position: <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static SyntaxNode Node(string kind, int start, int end, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        new(kind, new TextSpan(start, end), true, Fields(fields, false, out _, out _, out _));

    /// <summary>A node CPython gives no position (arguments, comprehension, withitem, Module): it spans its children.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Positionless(string kind, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var built = Fields(fields, true, out var spanned, out var start, out var end);
        return new SyntaxNode(kind, spanned ? new TextSpan(start, end) : default, false, built);
    }

    // With `derive`, also the union of the children's spans (for kinds without a position).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static KeyValuePair<string, object?>[] Fields(ReadOnlySpan<(string Name, object? Value)> fields, bool derive, out bool spanned, out int start, out int end)
    {
        var count = 0;
        foreach (var (_, value) in fields)
        {
            if (IsPresent(value))
            {
                count++;
            }
        }

        start = int.MaxValue;
        end = int.MinValue;
        var built = count == 0 ? Array.Empty<KeyValuePair<string, object?>>() : new KeyValuePair<string, object?>[count];
        var next = 0;
        foreach (var (name, value) in fields)
        {
            switch (value)
            {
                case string scalar:
                    built[next++] = new(name, scalar);
                    break;
                case SyntaxNode child:
                    if (derive)
                    {
                        Include(child, ref start, ref end);
                    }

                    built[next++] = new(name, child);
                    break;
                case List<SyntaxNode?> list:
                    if (list.Count > 0)
                    {
                        built[next++] = new(name, NodeList(list, derive, ref start, ref end));
                    }

                    NodeListPool.Return(list);
                    break;
                case List<string> { Count: > 0 } scalars:
                    built[next++] = new(name, string.Join(',', scalars));
                    break;
            }
        }

        spanned = start <= end;
        return built;
    }

    // Strings and nodes (sealed types, whose test is one compare) first: most values are one or the other.
    private static bool IsPresent(object? value) => value switch
    {
        null => false,
        string or SyntaxNode => true,
        List<SyntaxNode?> list => list.Count > 0,
        List<string> scalars => scalars.Count > 0,
        _ => true,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object NodeList(List<SyntaxNode?> list, bool derive, ref int start, ref int end)
    {
        var nodes = new SyntaxNode[list.Count];
        var missing = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (list[i] is { } item)
            {
                if (derive)
                {
                    Include(item, ref start, ref end);
                }

                nodes[i] = item;
            }
            else
            {
                nodes[i] = new SyntaxNode("Missing", default, false, []);
                missing++;
            }
        }

        return missing == nodes.Length
            ? string.Join(',', Enumerable.Repeat("null", nodes.Length))
            : nodes;
    }

    private static void Include(SyntaxNode child, ref int start, ref int end)
    {
        if (child.IsSpanned())
        {
            start = Math.Min(start, child.Span.Start);
            end = Math.Max(end, child.Span.End);
        }
    }
}
