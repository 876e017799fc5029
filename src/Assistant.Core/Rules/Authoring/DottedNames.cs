using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// Compares a <c>Name</c>/<c>Attribute</c> chain with a dotted name without building the chain's name: rules ask this of
/// every module-level call on every pass, and <see cref="SyntaxNode.DottedName"/> makes a string per level.
/// </summary>
public static class DottedNames
{
    /// <summary>What <c>node?.DottedName() == dotted</c> gives.</summary>
    public static bool Is(SyntaxNode? node, string dotted) => Matches(node, dotted.AsSpan());

    /// <summary>What <c>CallSyntax.From(node)?.FunctionName == dotted</c> gives: is <paramref name="node"/> a call of that name?</summary>
    public static bool IsCallOf(SyntaxNode? node, string dotted) => node is not null && node.Is("Call") && Matches(node.Child("func"), dotted.AsSpan());

    private static bool Matches(SyntaxNode? node, ReadOnlySpan<char> dotted)
    {
        while (node is not null && node.Is("Attribute"))
        {
            // DottedName writes "<value>.<attr>" (an absent attr as empty): the tail must be "." + attr.
            var attr = node.Scalar("attr") ?? string.Empty;
            var cut = dotted.Length - attr.Length - 1;
            if (cut < 0 || dotted[cut] != '.' || !dotted[(cut + 1)..].SequenceEqual(attr))
            {
                return false;
            }

            dotted = dotted[..cut];
            node = node.Child("value");
        }

        return node is not null && node.Is("Name") && node.Scalar("id") is { } id && dotted.SequenceEqual(id);
    }
}
