using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Turns a finished <see cref="ParseNode"/> tree into <see cref="SyntaxNode"/>s exactly as <c>SyntaxTreeReader</c> reads
/// the worker's answer: absent fields (None, empty lists) left out, None items of node lists as "Missing" placeholders
/// (a list of only None as the scalar "null,null,…"), scalar lists joined with commas, and kinds without a position
/// spanning the union of their children.
/// </summary>
internal static class SyntaxNodeBuilder
{
    public static SyntaxNode Build(ParseNode root) => Build(root, out _);

    private static SyntaxNode Build(ParseNode node, out bool hasSpan)
    {
        var fields = new List<KeyValuePair<string, object?>>(node.Fields.Length);
        var childStart = int.MaxValue;
        var childEnd = int.MinValue;
        void Include(SyntaxNode child, bool childHasSpan)
        {
            if (childHasSpan)
            {
                childStart = Math.Min(childStart, child.Span.Start);
                childEnd = Math.Max(childEnd, child.Span.End);
            }
        }

        foreach (var (name, value) in node.Fields)
        {
            switch (value)
            {
                case null:
                    break;
                case string scalar:
                    fields.Add(new(name, scalar));
                    break;
                case ParseNode child:
                    var built = Build(child, out var childHasSpan);
                    Include(built, childHasSpan);
                    fields.Add(new(name, built));
                    break;
                case List<ParseNode?> list when list.Count > 0:
                    if (list.TrueForAll(item => item is null))
                    {
                        fields.Add(new(name, string.Join(",", Enumerable.Repeat("null", list.Count))));
                        break;
                    }

                    var nodes = new SyntaxNode[list.Count];
                    for (var i = 0; i < nodes.Length; i++)
                    {
                        if (list[i] is { } item)
                        {
                            nodes[i] = Build(item, out var itemHasSpan);
                            Include(nodes[i], itemHasSpan);
                        }
                        else
                        {
                            nodes[i] = new SyntaxNode("Missing", default, false, []);
                        }
                    }

                    fields.Add(new(name, ImmutableCollectionsMarshal.AsImmutableArray(nodes)));
                    break;
                case List<string> scalars when scalars.Count > 0:
                    fields.Add(new(name, string.Join(",", scalars)));
                    break;
            }
        }

        if (node.HasPosition)
        {
            hasSpan = true;
            return new SyntaxNode(node.Kind, new TextSpan(node.Start, node.End), true, [.. fields]);
        }

        hasSpan = childStart <= childEnd;
        return new SyntaxNode(node.Kind, hasSpan ? new TextSpan(childStart, childEnd) : default, false, [.. fields]);
    }
}
