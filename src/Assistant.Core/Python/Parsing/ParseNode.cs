namespace Assistant.Core.Python.Parsing;

/// <summary>
/// A node while the parser builds the tree: mutable, so an expression parsed as a load can become an assignment target.
/// Field values are nodes, lists of nodes (null items allowed), strings, lists of strings, or null (absent).
/// <see cref="SyntaxNodeBuilder"/> turns the finished tree into <c>SyntaxNode</c>s.
/// </summary>
internal sealed class ParseNode(string kind, int start, int end, bool hasPosition, params (string Name, object? Value)[] fields)
{
    public string Kind { get; } = kind;

    public int Start { get; set; } = start;

    public int End { get; set; } = end;

    public bool HasPosition { get; } = hasPosition;

    public (string Name, object? Value)[] Fields { get; } = fields;

    /// <summary>True when the parser found the expression inside its own parentheses (annotated targets care).</summary>
    public bool Parenthesized { get; set; }

    public object? this[string name]
    {
        get
        {
            foreach (var (field, value) in Fields)
            {
                if (field == name)
                {
                    return value;
                }
            }

            return null;
        }

        set
        {
            for (var i = 0; i < Fields.Length; i++)
            {
                if (Fields[i].Name == name)
                {
                    Fields[i] = (name, value);
                    return;
                }
            }

            throw new InvalidOperationException($"{Kind} has no field {name}.");
        }
    }
}
