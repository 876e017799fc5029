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
    private static readonly SyntaxLayout Missing = new("Missing", false, [], []);

    // Not a field kind: the value leaves its field out.
    private const byte Absent = byte.MaxValue;

    /// <summary>A node CPython gives a position: <paramref name="start"/> to <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Node(string kind, int start, int end, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var layout = Fields(kind, true, fields, false, out var values, out _, out _, out _);
        return new SyntaxNode(layout, new TextSpan(start, end), values);
    }

    /// <summary>A node CPython gives no position (arguments, comprehension, withitem, Module): it spans its children.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Positionless(string kind, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var layout = Fields(kind, false, fields, true, out var values, out var spanned, out var start, out var end);
        return new SyntaxNode(layout, spanned ? new TextSpan(start, end) : default, values);
    }

    // The layout of the present fields and their values as a node keeps them (one value itself, more in an array); with
    // `derive`, also the union of the children's spans (for kinds without a position). First the shape, then the values:
    // each array is made at its size, and nothing is gathered on the side.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SyntaxLayout Fields(string kind, bool hasPosition, ReadOnlySpan<(string Name, object? Value)> fields, bool derive, out object? values, out bool spanned, out int start, out int end)
    {
        if (fields.Length > SyntaxLayout.PackedFields)
        {
            throw new ArgumentException($"{kind}: more than {SyntaxLayout.PackedFields} fields", nameof(fields));
        }

        var layouts = SyntaxLayouts.Current;
        var names = layouts.Names;
        var kinds = layouts.FieldKinds;
        var count = 0;
        var packed = 0u;
        foreach (var (name, value) in fields)
        {
            var fieldKind = value switch
            {
                string => SyntaxLayout.ScalarField,
                SyntaxNode => SyntaxLayout.NodeField,
                List<SyntaxNode?> { Count: > 0 } list => AllMissing(list) ? SyntaxLayout.ScalarField : SyntaxLayout.ListField,
                List<string> { Count: > 0 } => SyntaxLayout.ScalarField,
                _ => Absent,
            };
            if (fieldKind != Absent)
            {
                names[count] = name;
                kinds[count] = fieldKind;
                packed |= (uint)fieldKind << (2 * count);
                count++;
            }
        }

        var layout = layouts.Find(kind, hasPosition, names.AsSpan(0, count), kinds.AsSpan(0, count), packed);
        start = int.MaxValue;
        end = int.MinValue;
        var all = count > 1 ? new object?[count] : null;
        values = null;
        var next = 0;
        foreach (var (_, value) in fields)
        {
            object? kept;
            switch (value)
            {
                case string scalar:
                    kept = scalar;
                    break;
                case SyntaxNode child:
                    if (derive)
                    {
                        Include(child, ref start, ref end);
                    }

                    kept = child;
                    break;
                case List<SyntaxNode?> list:
                    kept = list.Count > 0 ? NodeList(list, derive, ref start, ref end) : null;
                    NodeListPool.Return(list);
                    break;
                case List<string> { Count: > 0 } scalars:
                    kept = string.Join(',', scalars);
                    break;
                default:
                    kept = null;
                    break;
            }

            if (kept is null)
            {
                continue;
            }

            if (all is null)
            {
                values = kept;
            }
            else
            {
                all[next++] = kept;
            }
        }

        values ??= all;
        spanned = start <= end;
        return layout;
    }

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
                nodes[i] = new SyntaxNode(Missing, default, null);
                missing++;
            }
        }

        return missing == nodes.Length
            ? string.Join(',', Enumerable.Repeat("null", nodes.Length))
            : nodes;
    }

    // A list of only nulls is kept as the scalar "null,null,…" (see NodeList).
    private static bool AllMissing(List<SyntaxNode?> list)
    {
        foreach (var item in list)
        {
            if (item is not null)
            {
                return false;
            }
        }

        return true;
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
