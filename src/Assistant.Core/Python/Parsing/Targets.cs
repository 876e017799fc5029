namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Checks that an expression parsed as a load may be an assignment or deletion target, as CPython's grammar requires,
/// and moves it (and its elements) into the Store or Del context.
/// </summary>
internal static class Targets
{
    /// <summary>star_targets: names, attributes, subscripts, and tuples or lists of star targets.</summary>
    public static ParseNode Store(ParseNode node)
    {
        switch (node.Kind)
        {
            case "Name" or "Attribute" or "Subscript":
                node["ctx"] = "Store";
                return node;
            case "Starred":
                if (((ParseNode)node["value"]!).Kind == "Starred")
                {
                    throw new UnsupportedSourceException("invalid star target");
                }

                Store((ParseNode)node["value"]!);
                node["ctx"] = "Store";
                return node;
            case "Tuple" or "List":
                if (node["elts"] is List<ParseNode?> elements)
                {
                    foreach (var element in elements)
                    {
                        Store(element!);
                    }
                }

                node["ctx"] = "Store";
                return node;
            default:
                throw new UnsupportedSourceException($"cannot assign to {node.Kind}");
        }
    }

    /// <summary>del_targets: names, attributes, subscripts, and tuples or lists of them (no starred).</summary>
    public static ParseNode Delete(ParseNode node)
    {
        switch (node.Kind)
        {
            case "Name" or "Attribute" or "Subscript":
                node["ctx"] = "Del";
                return node;
            case "Tuple" or "List":
                if (node["elts"] is List<ParseNode?> elements)
                {
                    foreach (var element in elements)
                    {
                        Delete(element!);
                    }
                }

                node["ctx"] = "Del";
                return node;
            default:
                throw new UnsupportedSourceException($"cannot delete {node.Kind}");
        }
    }

    /// <summary>single_target (augmented assignment): a name, an attribute or a subscript.</summary>
    public static ParseNode Single(ParseNode node) =>
        node.Kind is "Name" or "Attribute" or "Subscript" ? Store(node) : throw new UnsupportedSourceException($"illegal target for augmented assignment: {node.Kind}");
}
