using System.Runtime.CompilerServices;
using System.Text;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Adjacent string tokens as one atom: a Constant (str or bytes) or, when any part is an f-string, a JoinedStr whose
/// literal parts merge and whose parts all carry the whole atom's span (CPython 3.11's positions).
/// </summary>
internal static class StringConcatenation
{
    /// <summary>A lone string token; a plain str literal without escapes or line breaks is its body's text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Build(string text, Token token, SharedLeaves leaves)
    {
        var prefix = StringPrefix.Of(text, token);
        if (!prefix.Bytes && !prefix.Formatted && text.AsSpan(prefix.BodyStart, prefix.BodyEnd - prefix.BodyStart).IndexOfAny('\\', '\r') < 0)
        {
            return leaves.PlainString(token.Start, token.End, text, prefix.BodyStart, prefix.BodyEnd);
        }

        return Build(text, [token]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SyntaxNode Build(string text, List<Token> tokens)
    {
        var start = tokens[0].Start;
        var end = tokens[^1].End;
        var prefixes = new StringPrefix[tokens.Count];
        var formatted = false;
        for (var i = 0; i < prefixes.Length; i++)
        {
            prefixes[i] = StringPrefix.Of(text, tokens[i]);
            formatted |= prefixes[i].Formatted;
        }

        var bytes = prefixes[0].Bytes;
        if (Array.Exists(prefixes, prefix => prefix.Bytes != bytes))
        {
            throw new UnsupportedSourceException("cannot mix bytes and nonbytes literals");
        }

        if (!formatted)
        {
            var value = new StringBuilder();
            foreach (var prefix in prefixes)
            {
                StringLiteralDecoder.Decode(text, prefix.BodyStart, prefix.BodyEnd, prefix.Raw, bytes, value);
            }

            return bytes
                ? SyntaxNodeBuilder.Node("Constant", start, end, ("vt", "bytes"), ("v", StringLiteralDecoder.BytesRepr(value.ToString())))
                : SyntaxNodeBuilder.Node("Constant", start, end, ("vt", "str"), ("v", value.ToString()));
        }

        var parts = new JoinedParts(start, end);
        for (var i = 0; i < tokens.Count; i++)
        {
            var prefix = prefixes[i];
            if (prefix.Formatted)
            {
                new FormattedStringParser(text, tokens[i], prefix, parts).Parse();
            }
            else
            {
                StringLiteralDecoder.Decode(text, prefix.BodyStart, prefix.BodyEnd, prefix.Raw, false, parts.Literal);
            }
        }

        return parts.ToJoinedString();
    }
}
