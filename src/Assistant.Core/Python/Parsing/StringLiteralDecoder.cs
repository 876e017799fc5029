using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Decodes the body of a string or bytes literal as CPython does (escape sequences unless raw, CRLF read as LF,
/// backslash-newline removed); throws <see cref="UnsupportedSourceException"/> for \N{...}, out-of-range octal escapes,
/// surrogate escapes and non-ASCII bytes.
/// </summary>
internal static class StringLiteralDecoder
{
    /// <summary>Appends the decoded text[start..end) to <paramref name="output"/>; for bytes, each char is one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(string text, int start, int end, bool raw, bool bytes, StringBuilder output)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < end && text[i + 1] == '\n')
            {
                output.Append('\n');
                i += 2;
                continue;
            }

            if (bytes && c > 127)
            {
                throw new UnsupportedSourceException("bytes can only contain ASCII literal characters");
            }

            if (c != '\\' || raw)
            {
                if (c == '\\' && raw && i + 1 < end)
                {
                    // In a raw literal a backslash keeps the next character (an escaped quote, or a line break read as LF).
                    output.Append('\\');
                    i++;
                    continue;
                }

                output.Append(c);
                i++;
                continue;
            }

            var next = text[i + 1];
            i += 2;
            switch (next)
            {
                case '\n':
                    break;
                case '\r':
                    i++; // \r\n
                    break;
                case '\\' or '\'' or '"':
                    output.Append(next);
                    break;
                case 'a': output.Append('\a'); break;
                case 'b': output.Append('\b'); break;
                case 'f': output.Append('\f'); break;
                case 'n': output.Append('\n'); break;
                case 'r': output.Append('\r'); break;
                case 't': output.Append('\t'); break;
                case 'v': output.Append('\v'); break;
                case >= '0' and <= '7':
                    var value = next - '0';
                    for (var k = 0; k < 2 && i < end && text[i] is >= '0' and <= '7'; k++)
                    {
                        value = (value * 8) + (text[i++] - '0');
                    }

                    if (value > 0xFF)
                    {
                        throw new UnsupportedSourceException("octal escape out of range");
                    }

                    output.Append((char)value);
                    break;
                case 'x':
                    output.Append((char)Hex(text, ref i, end, 2));
                    break;
                case 'u' when !bytes:
                    AppendCodePoint(output, Hex(text, ref i, end, 4));
                    break;
                case 'U' when !bytes:
                    AppendCodePoint(output, Hex(text, ref i, end, 8));
                    break;
                case 'N' when !bytes:
                    throw new UnsupportedSourceException("\\N{...} escapes are not decoded in process");
                default:
                    if (next > 127 && bytes)
                    {
                        throw new UnsupportedSourceException("bytes can only contain ASCII literal characters");
                    }

                    // An unknown escape keeps its backslash (a DeprecationWarning only).
                    output.Append('\\');
                    i--;
                    break;
            }
        }
    }

    private static int Hex(string text, ref int i, int end, int digits)
    {
        if (i + digits > end)
        {
            throw new UnsupportedSourceException("truncated escape");
        }

        var span = text.AsSpan(i, digits);
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new UnsupportedSourceException("truncated escape");
            }
        }

        i += digits;
        return int.Parse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static void AppendCodePoint(StringBuilder output, int codePoint)
    {
        if (codePoint is (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF or < 0)
        {
            throw new UnsupportedSourceException("surrogate or out-of-range escape");
        }

        output.Append(char.ConvertFromUtf32(codePoint));
    }

    /// <summary>Python's repr of a bytes value (each char of <paramref name="bytes"/> one byte).</summary>
    public static string BytesRepr(string bytes)
    {
        var quote = bytes.Contains('\'') && !bytes.Contains('"') ? '"' : '\'';
        var output = new StringBuilder(bytes.Length + 3).Append('b').Append(quote);
        foreach (var c in bytes)
        {
            switch (c)
            {
                case '\\': output.Append("\\\\"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    if (c == quote)
                    {
                        output.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c >= 0x7F)
                    {
                        output.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        return output.Append(quote).ToString();
    }
}
