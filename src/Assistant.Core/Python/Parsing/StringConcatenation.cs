using System.Text;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Adjacent string tokens as one atom: a Constant (str or bytes) or, when any part is an f-string, a JoinedStr whose
/// literal parts merge and whose parts all carry the whole atom's span (CPython 3.11's positions).
/// </summary>
internal static class StringConcatenation
{
    public static ParseNode Build(string text, List<Token> tokens)
    {
        var start = tokens[0].Start;
        var end = tokens[^1].End;
        var prefixes = tokens.Select(token => StringPrefix.Of(text, token)).ToList();
        var bytes = prefixes[0].Bytes;
        if (prefixes.Any(prefix => prefix.Bytes != bytes))
        {
            throw new UnsupportedSourceException("cannot mix bytes and nonbytes literals");
        }

        if (!prefixes.Any(prefix => prefix.Formatted))
        {
            var value = new StringBuilder();
            foreach (var prefix in prefixes)
            {
                StringLiteralDecoder.Decode(text, prefix.BodyStart, prefix.BodyEnd, prefix.Raw, bytes, value);
            }

            return bytes
                ? new ParseNode("Constant", start, end, true, ("vt", "bytes"), ("v", StringLiteralDecoder.BytesRepr(value.ToString())))
                : new ParseNode("Constant", start, end, true, ("vt", "str"), ("v", value.ToString()));
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
