using System.Runtime.CompilerServices;

namespace Assistant.Core.Python.Parsing;

/// <summary>What a string token's prefix says, and where its body lies between the quotes.</summary>
internal readonly record struct StringPrefix(bool Raw, bool Bytes, bool Formatted, int BodyStart, int BodyEnd)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StringPrefix Of(string text, Token token)
    {
        var quoteAt = token.Start;
        bool raw = false, bytes = false, formatted = false;
        while (text[quoteAt] is not ('\'' or '"'))
        {
            switch (char.ToLowerInvariant(text[quoteAt]))
            {
                case 'r': raw = true; break;
                case 'b': bytes = true; break;
                case 'f': formatted = true; break;
            }

            quoteAt++;
        }

        var quote = text[quoteAt];
        var triple = token.End - quoteAt >= 6 && text[quoteAt + 1] == quote && text[quoteAt + 2] == quote;
        var width = triple ? 3 : 1;
        return new StringPrefix(raw, bytes, formatted, quoteAt + width, token.End - width);
    }
}
