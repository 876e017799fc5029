namespace Assistant.Core.Python.Parsing;

/// <summary>A position in a token list, with the look-ahead and the positions CPython's node builders use.</summary>
internal sealed class TokenCursor(List<Token> tokens)
{
    public int Position { get; set; }

    public Token Current => tokens[Position];

    public Token PeekAt(int ahead) => tokens[Math.Min(Position + ahead, tokens.Count - 1)];

    public bool At(string text) => tokens[Position].Is(text);

    public bool AtKind(TokenKind kind) => tokens[Position].Kind == kind;

    public Token Next() => tokens[Position++];

    public bool Accept(string text)
    {
        if (!tokens[Position].Is(text))
        {
            return false;
        }

        Position++;
        return true;
    }

    public Token Expect(string text) =>
        tokens[Position].Is(text) ? tokens[Position++] : throw new UnsupportedSourceException($"'{text}' expected");

    public Token Expect(TokenKind kind) =>
        tokens[Position].Kind == kind ? tokens[Position++] : throw new UnsupportedSourceException($"{kind} expected");

    /// <summary>Where the token at <paramref name="index"/> starts.</summary>
    public int StartOf(int index) => tokens[index].Start;

    /// <summary>Where the last consumed token that is not NEWLINE, INDENT or DEDENT ends (CPython's end of a node).</summary>
    public int LastEnd()
    {
        for (var i = Position - 1; i >= 0; i--)
        {
            if (tokens[i].Kind is not (TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent))
            {
                return tokens[i].End;
            }
        }

        return 0;
    }
}
