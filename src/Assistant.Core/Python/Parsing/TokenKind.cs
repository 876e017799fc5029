namespace Assistant.Core.Python.Parsing;

/// <summary>The kinds of token the in-process tokenizer produces (CPython's, without the ones it never needs).</summary>
internal enum TokenKind
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    Indent,
    Dedent,
    EndMarker,
}
