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
    public static string? FirstDifference(PythonModule expected, PythonModule actual)
    {
        var left = Lines(expected);
        var right = Lines(actual);
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var a = i < left.Count ? left[i] : "<end>";
            var b = i < right.Count ? right[i] : "<end>";
            if (a != b)
            {
                return $"worker:     {a}\nin process: {b}";
            }
        }

        return null;
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
