using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The lists the parser collects a node's children in (statement bodies, arguments, elements…), lent per thread: a node
/// copies a list into its own array when it is made (<see cref="SyntaxNodeBuilder"/>), which gives the list back, so a
/// parse allocates arrays of the right size and no list per node.
/// </summary>
internal static class NodeListPool
{
    // Enough for the lists open at once in deeply nested code; larger lists are not kept.
    private const int MaxSpare = 256;
    private const int MaxKeptCapacity = 1024;

    [ThreadStatic]
    private static Stack<Lent>? s_spare;

    /// <summary>An empty list, to be handed to <see cref="SyntaxNodeBuilder"/> as a field (and not used after).</summary>
    public static List<SyntaxNode?> Rent() => s_spare is { Count: > 0 } spare ? spare.Pop() : new Lent();

    /// <summary>A list holding <paramref name="first"/>.</summary>
    public static List<SyntaxNode?> Rent(SyntaxNode? first)
    {
        var list = Rent();
        list.Add(first);
        return list;
    }

    /// <summary>Takes back <paramref name="value"/> when it is a lent list (the node made from it holds a copy).</summary>
    public static void Return(object? value)
    {
        if (value is not Lent list)
        {
            return;
        }

        list.Clear();
        var spare = s_spare ??= new Stack<Lent>();
        if (list.Capacity <= MaxKeptCapacity && spare.Count < MaxSpare)
        {
            spare.Push(list);
        }
    }

    // Only lists this pool lent go back to it: a list the parser made otherwise may still be in use.
    private sealed class Lent : List<SyntaxNode?>;
}
