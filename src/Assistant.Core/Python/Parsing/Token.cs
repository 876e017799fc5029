namespace Assistant.Core.Python.Parsing;

/// <summary>One token: its kind, its UTF-16 range in the text, and its text (operators are interned literals); for a
/// name, whether it is a reserved word.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text, bool Reserved = false)
{
    /// <summary>Whether this is the operator or name <paramref name="text"/> (a string literal never is).</summary>
    public bool Is(string text) => Kind is TokenKind.Operator or TokenKind.Name && string.Equals(Text, text, StringComparison.Ordinal);
}
