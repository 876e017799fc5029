namespace Assistant.Core.Python.Parsing;

/// <summary>Python 3.11's reserved words, which never name anything.</summary>
internal static class Keywords
{
    /// <summary>The reserved words (the literal strings, which the parser's comparisons with them share).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    /// <summary>A name token that is an identifier (not a reserved word; the tokenizer tells which names are).</summary>
    public static bool IsIdentifier(Token token) => token.Kind == TokenKind.Name && !token.Reserved;
}
