using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The lists a parser collects a node's children in (statement bodies, arguments, elements…), lent by the thread's pool:
/// a node copies a list into its own array when it is made (<see cref="SyntaxNodeBuilder"/>), which gives the list back,
/// so a parse allocates arrays of the right size and no list per node. A parser takes its thread's pool once; a lent list
/// knows its pool, so giving it back reads no thread-static.
/// </summary>
internal sealed class NodeListPool
{
    // Enough for the lists open at once in deeply nested code; larger lists are not kept.
    private const int MaxSpare = 256;
    private const int MaxKeptCapacity = 1024;

    [ThreadStatic]
    private static NodeListPool? s_current;

    private readonly Stack<Lent> _spare = new();

    /// <summary>This thread's pool.</summary>
    public static NodeListPool Current => s_current ??= new NodeListPool();

    /// <summary>An empty list, to be handed to <see cref="SyntaxNodeBuilder"/> as a field (and not used after).</summary>
    public List<SyntaxNode?> Rent() => _spare.Count > 0 ? _spare.Pop() : new Lent(this);

    /// <summary>A list holding <paramref name="first"/>.</summary>
    public List<SyntaxNode?> Rent(SyntaxNode? first)
    {
        var list = Rent();
        list.Add(first);
        return list;
    }

    /// <summary>Takes back <paramref name="list"/> when a pool lent it (the node made from it holds a copy).</summary>
    public static void Return(List<SyntaxNode?> list)
    {
        if (list is Lent lent)
        {
            lent.Pool.Keep(lent);
        }
    }

    private void Keep(Lent list)
    {
        list.Clear();
        if (list.Capacity <= MaxKeptCapacity && _spare.Count < MaxSpare)
        {
            _spare.Push(list);
        }
    }

    // Only lists a pool lent go back to it: a list the parser made otherwise may still be in use.
    private sealed class Lent(NodeListPool pool) : List<SyntaxNode?>
    {
        public NodeListPool Pool => pool;
    }
}
