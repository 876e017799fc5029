using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Checks that an expression parsed as a load may be an assignment or deletion target, as CPython's grammar requires,
/// and moves it (and its elements) into the Store or Del context.
/// </summary>
internal static class Targets
{
    /// <summary>star_targets: names, attributes, subscripts, and tuples or lists of star targets.</summary>
    public static SyntaxNode Store(SyntaxNode node)
    {
        switch (node.Kind)
        {
            case "Name" or "Attribute" or "Subscript":
                node.SetScalar("ctx", "Store");
                return node;
            case "Starred":
                var value = node.Child("value")!;
                if (value.Kind == "Starred")
                {
                    throw new UnsupportedSourceException("invalid star target");
                }

                Store(value);
                node.SetScalar("ctx", "Store");
                return node;
            case "Tuple" or "List":
                foreach (var element in node.Children("elts"))
                {
                    Store(element);
                }

                node.SetScalar("ctx", "Store");
                return node;
            default:
                throw new UnsupportedSourceException($"cannot assign to {node.Kind}");
        }
    }

    /// <summary>del_targets: names, attributes, subscripts, and tuples or lists of them (no starred).</summary>
    public static SyntaxNode Delete(SyntaxNode node)
    {
        switch (node.Kind)
        {
            case "Name" or "Attribute" or "Subscript":
                node.SetScalar("ctx", "Del");
                return node;
            case "Tuple" or "List":
                foreach (var element in node.Children("elts"))
                {
                    Delete(element);
                }

                node.SetScalar("ctx", "Del");
                return node;
            default:
                throw new UnsupportedSourceException($"cannot delete {node.Kind}");
        }
    }

    /// <summary>single_target (augmented assignment): a name, an attribute or a subscript.</summary>
    public static SyntaxNode Single(SyntaxNode node) =>
        node.Kind is "Name" or "Attribute" or "Subscript" ? Store(node) : throw new UnsupportedSourceException($"illegal target for augmented assignment: {node.Kind}");
}
