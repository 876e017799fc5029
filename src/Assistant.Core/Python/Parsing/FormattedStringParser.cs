using System.Runtime.CompilerServices;
using System.Text;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// One f-string token in CPython 3.11's manner: literal text (escapes decoded, doubled braces halved) and replacement
/// fields, whose expression is parsed as if it stood in parentheses spanning from the opening brace to the character
/// that ends it. Bails out on what it does not reproduce: fields in multi-line tokens, '=' self-documenting fields,
/// backslashes or comments in expressions, nested fields more than one level deep.
/// </summary>
internal sealed class FormattedStringParser(string text, Token token, StringPrefix prefix, JoinedParts parts)
{
    // Made once per token: a method group converted at each field would allocate a delegate per field.
    private readonly Action<SyntaxNode> _addField = parts.AddField;

    private static UnsupportedSourceException Fail(string reason) => new(reason);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse()
    {
        var bodyStart = prefix.BodyStart;
        var end = prefix.BodyEnd;
        if (text.AsSpan(bodyStart, end - bodyStart).IndexOfAny('{', '}') >= 0 && text.AsSpan(token.Start, token.End - token.Start).IndexOfAny('\r', '\n') >= 0)
        {
            throw Fail("replacement fields in a multi-line f-string");
        }

        var i = bodyStart;
        var chunk = i;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\' && !prefix.Raw)
            {
                if (i + 1 < end && text[i + 1] is '{' or '}' or 'N')
                {
                    throw Fail("backslash before a brace in an f-string");
                }

                i += 2;
                continue;
            }

            if (c is '{' or '}')
            {
                StringLiteralDecoder.Decode(text, chunk, i, prefix.Raw, false, parts.Literal);
                if (i + 1 < end && text[i + 1] == c)
                {
                    parts.Literal.Append(c);
                    i += 2;
                }
                else if (c == '}')
                {
                    throw Fail("single '}' is not allowed");
                }
                else
                {
                    i = Field(i, end, _addField, nested: false);
                }

                chunk = i;
                continue;
            }

            i++;
        }

        StringLiteralDecoder.Decode(text, chunk, end, prefix.Raw, false, parts.Literal);
    }

    // A replacement field opening at `open`; returns the index after its closing brace.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Field(int open, int end, Action<SyntaxNode> add, bool nested)
    {
        var i = open + 1;
        var depth = 0;
        var quote = '\0';
        for (; ; i++)
        {
            if (i >= end)
            {
                throw Fail("f-string: expecting '}'");
            }

            var c = text[i];
            if (c is '\\' or '#' or '\r' or '\n')
            {
                throw Fail("backslash, comment or line break in an f-string expression");
            }

            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                if (i + 2 < end && text[i + 1] == c && text[i + 2] == c)
                {
                    throw Fail("triple-quoted string in an f-string expression");
                }

                quote = c;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
                continue;
            }

            if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    if (c == '}')
                    {
                        break;
                    }

                    throw Fail("f-string: unmatched bracket");
                }

                depth--;
                continue;
            }

            if (depth > 0)
            {
                continue;
            }

            var next = i + 1 < end ? text[i + 1] : '\0';
            if (c is '!' or '=' or '<' or '>' && next == '=')
            {
                i++;
                continue;
            }

            if (c is '!' or ':')
            {
                break;
            }

            if (c == '=')
            {
                throw Fail("self-documenting f-string field");
            }
        }

        if (quote != '\0')
        {
            throw Fail("f-string: unterminated string");
        }

        var expressionEnd = i;
        if (text.AsSpan(open + 1, expressionEnd - open - 1).IsWhiteSpace())
        {
            throw Fail("f-string: empty expression not allowed");
        }

        var value = Expression(open, expressionEnd);
        var conversion = "-1";
        if (text[i] == '!')
        {
            var kind = i + 1 < end ? text[i + 1] : '\0';
            conversion = kind switch
            {
                's' => "115",
                'r' => "114",
                'a' => "97",
                _ => throw Fail("f-string: invalid conversion character"),
            };
            i += 2;
            if (i >= end || text[i] is not (':' or '}'))
            {
                throw Fail("f-string: expecting '}'");
            }
        }

        SyntaxNode? spec = null;
        if (text[i] == ':')
        {
            if (nested)
            {
                throw Fail("nested format specification");
            }

            var specParts = new JoinedParts(parts.Start, parts.End, token.Start, token.End);
            i++;
            var chunk = i;
            while (true)
            {
                if (i >= end)
                {
                    throw Fail("f-string: expecting '}'");
                }

                var c = text[i];
                if (c is '\\' or '\r' or '\n')
                {
                    throw Fail("backslash or line break in a format specification");
                }

                if (c == '{')
                {
                    if (i + 1 < end && text[i + 1] == '{')
                    {
                        throw Fail("doubled brace in a format specification");
                    }

                    specParts.Literal.Append(text, chunk, i - chunk);
                    i = Field(i, end, specParts.AddField, nested: true);
                    chunk = i;
                    continue;
                }

                if (c == '}')
                {
                    specParts.Literal.Append(text, chunk, i - chunk);
                    break;
                }

                i++;
            }

            spec = specParts.ToJoinedString();
        }

        if (text[i] != '}')
        {
            throw Fail("f-string: expecting '}'");
        }

        add(SyntaxNodeBuilder.Node("FormattedValue", parts.Start, parts.End, ("value", value), ("conversion", conversion), ("format_spec", spec)));
        return i + 1;
    }

    // The expression text[(open+1)..close) read as "(" + it + ")", the parentheses standing at `open` and `close`.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Expression(int open, int close)
    {
        var tokens = new List<Token>(8) { new(TokenKind.Operator, open, open + 1, "(") };
        Tokenizer.Expression(text, open + 1, close, tokens);
        tokens.Add(new Token(TokenKind.Operator, close, close + 1, ")"));
        tokens.Add(new Token(TokenKind.EndMarker, close + 1, close + 1, ""));
        var cursor = new TokenCursor(tokens);
        var value = new ExpressionParser(cursor, text).StarExpressions();
        if (!cursor.AtKind(TokenKind.EndMarker))
        {
            throw Fail("f-string: invalid expression");
        }

        return value;
    }
}
