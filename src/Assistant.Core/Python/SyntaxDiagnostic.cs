namespace Assistant.Core.Python;

/// <summary>A syntax error reported by the user's Python: 1-based line and column, UTF-16 offset, message.</summary>
public sealed record SyntaxDiagnostic(int Line, int Column, int Offset, string Message, string? LineText)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
