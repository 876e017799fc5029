using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// A minimal JSON tokenizer over the worker's UTF-8 answer lines, for <see cref="SyntaxTreeReader"/>. A parse answer
/// is a few million tokens read once per process lifetime, mostly before tiered compilation has optimized the
/// general-purpose reader; this one is compiled fully optimized from the start. It reads JSON (RFC 8259; raw control
/// characters inside strings are let through) and throws <see cref="JsonException"/> on anything else, or
/// <see cref="DecoderFallbackException"/> on invalid UTF-8.
/// </summary>
internal ref struct AnswerTokenizer(ReadOnlySpan<byte> text)
{
    private readonly ReadOnlySpan<byte> _text = text;
    private int _position;

    public readonly int Position => _position;

    /// <summary>The first byte of the next value or punctuation, after white space; 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte Peek()
    {
        while (_position < _text.Length)
        {
            var b = _text[_position];
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return b;
            }

            _position++;
        }

        return 0;
    }

    /// <summary>Consumes <paramref name="expected"/> (after white space) or throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Expect(byte expected)
    {
        if (Peek() != expected)
        {
            throw Error($"'{(char)expected}' expected");
        }

        _position++;
    }

    /// <summary>Consumes <paramref name="expected"/> when it comes next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Accept(byte expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>After an item of an array or object: true when another follows (a comma was consumed), false at its end (the bracket was consumed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool NextItem(byte closing)
    {
        var b = Peek();
        _position++;
        if (b == (byte)',')
        {
            return true;
        }

        return b == closing ? false : throw Error($"',' or '{(char)closing}' expected");
    }

    /// <summary>Consumes a <c>null</c> when it comes next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AcceptNull()
    {
        if (Peek() != (byte)'n')
        {
            return false;
        }

        Literal("null"u8);
        return true;
    }

    /// <summary>A JSON integer that fits an <see cref="int"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ReadInt32()
    {
        Peek();
        var negative = _position < _text.Length && _text[_position] == (byte)'-';
        if (negative)
        {
            _position++;
        }

        var start = _position;
        long value = 0;
        while (_position < _text.Length && _text[_position] - (uint)'0' <= 9)
        {
            value = (value * 10) + (_text[_position] - '0');
            _position++;
            if (value > int.MaxValue + 1L)
            {
                throw Error("a number out of range");
            }
        }

        if (_position == start || (_position < _text.Length && _text[_position] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            throw Error("an integer expected");
        }

        value = negative ? -value : value;
        return value is < int.MinValue or > int.MaxValue ? throw Error("a number out of range") : (int)value;
    }

    /// <summary>A string's raw (still escaped) UTF-8 bytes, and whether it holds escapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> ReadStringBytes(out bool escaped)
    {
        Expect((byte)'"');
        var rest = _text[_position..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        escaped = false;
        if (end >= 0 && rest[end] == (byte)'"')
        {
            _position += end + 1;
            return rest[..end];
        }

        escaped = true;
        var i = 0;
        while (true)
        {
            if (i >= rest.Length)
            {
                throw Error("an unterminated string");
            }

            var b = rest[i];
            if (b == (byte)'"')
            {
                break;
            }

            i += b == (byte)'\\' ? 2 : 1;
        }

        _position += i + 1;
        return rest[..i];
    }

    /// <summary>A string value.</summary>
    public string ReadString()
    {
        var bytes = ReadStringBytes(out var escaped);
        return escaped ? Unescape(bytes) : Decode(bytes);
    }

    /// <summary>Decodes a string's raw bytes into <paramref name="destination"/> (at least as long as the bytes); the chars written.</summary>
    public static int DecodeInto(ReadOnlySpan<byte> bytes, bool escaped, Span<char> destination)
    {
        if (!escaped)
        {
            return Strict.GetChars(bytes, destination);
        }

        var written = 0;
        for (var i = 0; i < bytes.Length;)
        {
            var next = bytes[i..].IndexOf((byte)'\\');
            var run = next < 0 ? bytes[i..] : bytes.Slice(i, next);
            written += Strict.GetChars(run, destination[written..]);
            i += run.Length;
            if (next < 0)
            {
                break;
            }

            if (i + 1 >= bytes.Length)
            {
                throw new JsonException("A string ends in the middle of an escape.");
            }

            var code = bytes[i + 1];
            i += 2;
            destination[written++] = code switch
            {
                (byte)'"' => '"',
                (byte)'\\' => '\\',
                (byte)'/' => '/',
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                (byte)'u' when i + 4 <= bytes.Length => Hex(bytes.Slice(i, 4)),
                _ => throw new JsonException($"A string holds an invalid escape '\\{(char)code}'."),
            };
            if (code == (byte)'u')
            {
                i += 4;
            }
        }

        return written;
    }

    /// <summary>Skips one value of any kind, returning its bytes.</summary>
    public ReadOnlySpan<byte> SkipValue()
    {
        var start = Peek() == 0 ? throw Error("a value expected") : _position;
        switch (_text[_position])
        {
            case (byte)'{':
                _position++;
                if (!Accept((byte)'}'))
                {
                    do
                    {
                        ReadStringBytes(out _);
                        Expect((byte)':');
                        SkipValue();
                    }
                    while (NextItem((byte)'}'));
                }

                break;
            case (byte)'[':
                _position++;
                if (!Accept((byte)']'))
                {
                    do
                    {
                        SkipValue();
                    }
                    while (NextItem((byte)']'));
                }

                break;
            case (byte)'"':
                ReadStringBytes(out _);
                break;
            case (byte)'t':
                Literal("true"u8);
                break;
            case (byte)'f':
                Literal("false"u8);
                break;
            case (byte)'n':
                Literal("null"u8);
                break;
            default:
                SkipNumber();
                break;
        }

        return _text[start.._position];
    }

    /// <summary>The JSON text of a number, <c>true</c>, <c>false</c> or <c>null</c> (or any other value) that comes next.</summary>
    public string ReadRawScalar()
    {
        var raw = SkipValue();
        if (raw[0] is (byte)'{' or (byte)'[')
        {
            // Not a scalar after all: its text as System.Text.Json would give it.
            return JsonDocument.Parse(raw.ToArray()).RootElement.GetRawText();
        }

        return Encoding.UTF8.GetString(raw);
    }

    public readonly void EnsureEnd()
    {
        var rest = _text[_position..].Trim(" \t\r\n"u8);
        if (!rest.IsEmpty)
        {
            throw Error("the end of the answer expected");
        }
    }

    private void SkipNumber()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            _position++;
        }

        if (_position == start || !double.TryParse(_text[start.._position], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Error("a value expected");
        }
    }

    private void Literal(ReadOnlySpan<byte> literal)
    {
        if (!_text[_position..].StartsWith(literal))
        {
            throw Error("a value expected");
        }

        _position += literal.Length;
    }

    private static char Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => throw new JsonException("A string holds an invalid \\u escape."),
            };
        }

        return (char)value;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Strict.GetString(bytes);

    private static string Unescape(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            return new string(buffer, 0, DecodeInto(bytes, escaped: true, buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private readonly JsonException Error(string what) => new($"The worker's answer is not valid JSON at byte {_position}: {what}.");

    // Invalid UTF-8 is a protocol error, not text to repair.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
