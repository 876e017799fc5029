namespace Assistant.Core.Python.Parsing;

/// <summary>One token: its kind, its UTF-16 range in the text, and its text (operators are interned literals); for a
/// name or a number, its entry in the thread's <see cref="NameTable"/> (which tells whether a name is a reserved word).</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text, InternedName? Name = null)
{
    /// <summary>Whether this is a name that is a reserved word.</summary>
    public bool Reserved => Name is { Reserved: true };

    /// <summary>Whether this is the operator or name <paramref name="text"/> (a string literal never is). Operators and reserved
    /// words are the literals the parser compares with, so a match is mostly the same string, and a mismatch mostly differs in
    /// length or first character.</summary>
    public bool Is(string text) =>
        Kind is TokenKind.Operator or TokenKind.Name
        && (ReferenceEquals(Text, text)
            || (Text.Length == text.Length && Text.Length > 0 && Text[0] == text[0] && string.Equals(Text, text, StringComparison.Ordinal)));
}
