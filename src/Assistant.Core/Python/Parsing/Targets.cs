using System.Runtime.CompilerServices;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Checks that an expression parsed as a load may be an assignment or deletion target, as CPython's grammar requires,
/// and moves it (and its elements) into the Store or Del context: in place, except for Names, whose fields are shared
/// (<see cref="SharedLeaves"/>) and which take the shared fields of their new context.
/// </summary>
internal static class Targets
{
    /// <summary>star_targets: names, attributes, subscripts, and tuples or lists of star targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Store(SyntaxNode node, SharedLeaves leaves)
    {
        switch (node.Kind)
        {
            case "Name":
                node.ShareLeafValues(leaves.TargetNameFields(node.Scalar("id")!, "Store"));
                return node;
            case "Attribute" or "Subscript":
                node.SetScalar("ctx", "Store");
                return node;
            case "Starred":
                var value = node.Child("value")!;
                if (value.Kind == "Starred")
                {
                    throw new UnsupportedSourceException("invalid star target");
                }

                Store(value, leaves);
                node.SetScalar("ctx", "Store");
                return node;
            case "Tuple" or "List":
                foreach (var element in node.Children("elts"))
                {
                    Store(element, leaves);
                }

                node.SetScalar("ctx", "Store");
                return node;
            default:
                throw new UnsupportedSourceException($"cannot assign to {node.Kind}");
        }
    }

    /// <summary>del_targets: names, attributes, subscripts, and tuples or lists of them (no starred).</summary>
    public static SyntaxNode Delete(SyntaxNode node, SharedLeaves leaves)
    {
        switch (node.Kind)
        {
            case "Name":
                node.ShareLeafValues(leaves.TargetNameFields(node.Scalar("id")!, "Del"));
                return node;
            case "Attribute" or "Subscript":
                node.SetScalar("ctx", "Del");
                return node;
            case "Tuple" or "List":
                foreach (var element in node.Children("elts"))
                {
                    Delete(element, leaves);
                }

                node.SetScalar("ctx", "Del");
                return node;
            default:
                throw new UnsupportedSourceException($"cannot delete {node.Kind}");
        }
    }

    /// <summary>single_target (augmented assignment): a name, an attribute or a subscript.</summary>
    public static SyntaxNode Single(SyntaxNode node, SharedLeaves leaves) =>
        node.Kind is "Name" or "Attribute" or "Subscript" ? Store(node, leaves) : throw new UnsupportedSourceException($"illegal target for augmented assignment: {node.Kind}");
}
