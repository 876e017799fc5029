using System.Text;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Python.Parsing;

/// <summary>A canonical text of a module's tree and comments, one line per node or field, each with its path.</summary>
internal static class TreeDump
{
    public static List<string> Lines(PythonModule module)
    {
        var lines = new List<string>();
        Node(module.Root, "Module", lines);
        for (var i = 0; i < module.Comments.Count; i++)
        {
            var comment = module.Comments[i];
            lines.Add($"comment[{i}] {comment.Span.Start}-{comment.Span.End} {Quote(comment.Text)}");
        }

        return lines;
    }

    /// <summary>Null when both agree; else the first line that differs, with both sides.</summary>
    public static string? FirstDifference(PythonModule expected, PythonModule actual) =>
        FirstDifferentLine(Lines(expected), Lines(actual), "worker:     ", "in process: ");

    /// <summary>
    /// Null when <paramref name="actual"/>'s nodes are linked as <paramref name="expected"/>'s are; else the first difference.
    /// Compares what <see cref="Lines"/> does not see, and what a tree sharing or moving nodes could get wrong: the pre-order of
    /// the root's descendants node by node (kind, span), each node's <see cref="SyntaxNode.Parent"/> (its pre-order index, and the
    /// same object as the node that holds it in its fields), <see cref="SyntaxNode.ParentField"/>, <see cref="SyntaxNode.Ancestors"/>
    /// ending at this module's root, <see cref="SyntaxNode.ChildNodes"/>, and <see cref="SyntaxNode.Descendants"/> asked of every
    /// node (a slice of the root's pre-order).
    /// </summary>
    public static string? StructureDifference(PythonModule expected, PythonModule actual) =>
        FirstDifferentLine(Structure(expected), Structure(actual), "expected: ", "actual:   ");

    // The first line where the two dumps differ (a missing line reads "<end>"), each side after its label; null when none does.
    private static string? FirstDifferentLine(List<string> left, List<string> right, string leftLabel, string rightLabel)
    {
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var a = i < left.Count ? left[i] : "<end>";
            var b = i < right.Count ? right[i] : "<end>";
            if (a != b)
            {
                return $"{leftLabel}{a}\n{rightLabel}{b}";
            }
        }

        return null;
    }

    private static List<string> Structure(PythonModule module)
    {
        var order = module.Root.DescendantsAndSelf().ToList();
        var index = new Dictionary<SyntaxNode, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++)
        {
            index.Add(order[i], i);
        }

        var lines = new List<string>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            var parent = node.Parent is { } p ? (index.TryGetValue(p, out var at) ? at.ToString() : "outside the tree") : "none";
            var holds = node.Parent is { } holder && holder.FieldNames.Any(f => ReferenceEquals(holder.Child(f), node) || holder.Children(f).Any(c => ReferenceEquals(c, node)));
            var ancestors = node.Ancestors().ToList();
            var root = ancestors.Count == 0 ? ReferenceEquals(node, module.Root) : ReferenceEquals(ancestors[^1], module.Root);
            var children = string.Join(",", node.ChildNodes().Select(c => index.TryGetValue(c, out var k) ? k : -1));
            var descendants = node.Descendants().Select(d => index.TryGetValue(d, out var k) ? k : -1).ToList();
            var slice = descendants.SequenceEqual(Enumerable.Range(i + 1, descendants.Count)) ? $"{descendants.Count} from next" : $"[{string.Join(",", descendants)}]";
            lines.Add($"{i} {node.Kind} {node.Span} parent {parent} field {node.ParentField} held {holds} depth {ancestors.Count} reaches root {root} children [{children}] descendants {slice}");
        }

        return lines;
    }

    private static void Node(SyntaxNode node, string path, List<string> lines)
    {
        lines.Add($"{path} {node.Kind} {node.Span.Start}-{node.Span.End} {(node.HasPosition ? "pos" : "nopos")} [{string.Join(",", node.FieldNames)}]");
        foreach (var field in node.FieldNames)
        {
            if (node.Child(field) is { } child)
            {
                Node(child, $"{path}.{field}", lines);
            }
            else if (node.Scalar(field) is { } scalar)
            {
                lines.Add($"{path}.{field} = {Quote(scalar)}");
            }
            else
            {
                var items = node.Children(field);
                lines.Add($"{path}.{field} list {items.Count}");
                for (var i = 0; i < items.Count; i++)
                {
                    Node(items[i], $"{path}.{field}[{i}]", lines);
                }
            }
        }
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c is < ' ' or '"' or '\\' or > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append('"').ToString();
    }
}
