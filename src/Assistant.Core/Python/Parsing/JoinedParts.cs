using System.Text;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// The values of a JoinedStr being built: literal text merges until a replacement field ends it. As in CPython 3.11, a
/// literal part ended by a field, and every field, spans the whole string atom; the JoinedStr and its trailing literal
/// span <c>finish</c> (the whole atom, or for a format specification the token that holds it).
/// </summary>
internal sealed class JoinedParts(int start, int end, int finishStart, int finishEnd)
{
    private readonly List<SyntaxNode?> _values = [];

    public JoinedParts(int start, int end)
        : this(start, end, start, end)
    {
    }

    public StringBuilder Literal { get; } = new();

    /// <summary>Where the whole string atom starts.</summary>
    public int Start => start;

    /// <summary>Where the whole string atom ends.</summary>
    public int End => end;

    public void AddField(SyntaxNode formattedValue)
    {
        Flush(start, end);
        _values.Add(formattedValue);
    }

    public SyntaxNode ToJoinedString()
    {
        Flush(finishStart, finishEnd);
        return SyntaxNodeBuilder.Node("JoinedStr", finishStart, finishEnd, ("values", _values));
    }

    private void Flush(int from, int to)
    {
        if (Literal.Length > 0)
        {
            _values.Add(SyntaxNodeBuilder.Node("Constant", from, to, ("vt", "str"), ("v", Literal.ToString())));
            Literal.Clear();
        }
    }
}
