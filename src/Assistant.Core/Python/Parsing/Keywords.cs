using System.Collections.Frozen;

namespace Assistant.Core.Python.Parsing;

/// <summary>Python 3.11's reserved words, which never name anything.</summary>
internal static class Keywords
{
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsReserved(string name) => Reserved.Contains(name);

    /// <summary>A name token that is an identifier (not a reserved word).</summary>
    public static bool IsIdentifier(Token token) => token.Kind == TokenKind.Name && !Reserved.Contains(token.Text);
}
