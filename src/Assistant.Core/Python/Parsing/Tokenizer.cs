using System.Buffers;
using System.Runtime.CompilerServices;
using Assistant.Core.Source;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Splits Python source into tokens as CPython 3.11's tokenizer does, with UTF-16 positions, and collects the comments.
/// It throws <see cref="UnsupportedSourceException"/> for invalid text and for layouts it does not reproduce (lone carriage
/// returns, non-ASCII text outside strings and comments, NUL characters, very deep nesting).
/// </summary>
internal sealed class Tokenizer
{
    private const int MaxBrackets = 150;
    private const int MaxIndents = 90;
    private const int MaxNumberLength = 1000;

    // What ends the plain run of a string literal's body: its quote, an escape, a line break, or a NUL.
    private static readonly SearchValues<char> s_doubleQuoted = SearchValues.Create("\"\\\r\n\0");
    private static readonly SearchValues<char> s_singleQuoted = SearchValues.Create("'\\\r\n\0");
    private static readonly SearchValues<char> s_commentEnd = SearchValues.Create("\r\n\0");

    private readonly string _text;
    private readonly int _end;
    private readonly List<Token> _tokens;
    // One token list per thread, lent to a module's parse and given back after it (tokens never outlive a parse).
    private const int MaxSpareTokens = 1 << 20;
    [ThreadStatic]
    private static List<Token>? s_spareTokens;
    private readonly NameTable _names;
    private readonly List<Comment>? _comments;
    // Indentation levels as CPython measures them: tabs to multiples of 8, and (for the consistency check) of 1.
    private readonly Stack<(int Column, int Alternative)> _indents = new();
    private int _position;
    private int _depth;

    private Tokenizer(string text, int start, int end, bool comments, List<Token>? tokens = null)
    {
        _tokens = tokens ?? new List<Token>(Math.Max(16, (end - start) / 4));
        _names = NameTable.ForModule();
        _text = text;
        _position = start;
        _end = end;
        _comments = comments ? [] : null;
        _indents.Push((0, 0));
    }

    /// <summary>The tokens of a whole module (ending with NEWLINE, DEDENTs and ENDMARKER) and its comments. Give the
    /// token list back with <see cref="Return"/> once the parse is over.</summary>
    public static (List<Token> Tokens, List<Comment> Comments) Module(string text, bool comments) => Lines(text, 0, text.Length, comments);

    /// <summary>The tokens of whole lines text[start..end) read as a module of their own (<paramref name="start"/> at a line start,
    /// outside brackets and strings, at indentation zero), with positions in <paramref name="text"/>, and their comments.
    /// Give the token list back with <see cref="Return"/> once the parse is over.</summary>
    public static (List<Token> Tokens, List<Comment> Comments) Lines(string text, int start, int end, bool comments)
    {
        var tokens = s_spareTokens ?? new List<Token>(Math.Max(16, (end - start) / 6));
        // A list given back is empty (Return clears it).
        s_spareTokens = null;
        var tokenizer = new Tokenizer(text, start, end, comments, tokens);
        tokenizer.Run();
        return (tokenizer._tokens, tokenizer._comments ?? []);
    }

    /// <summary>Keeps a module's token list for the thread's next parse.</summary>
    public static void Return(List<Token> tokens)
    {
        if (tokens.Capacity <= MaxSpareTokens)
        {
            tokens.Clear();
            s_spareTokens = tokens;
        }
    }

    /// <summary>Appends the tokens of an f-string replacement field's expression, text[start..end), read as if in parentheses.</summary>
    public static void Expression(string text, int start, int end, List<Token> tokens)
    {
        var tokenizer = new Tokenizer(text, start, end, false, tokens) { _depth = 1 };
        while (tokenizer.Next(out _))
        {
        }
    }

    private static UnsupportedSourceException Fail(string reason) => new(reason);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var atLineStart = true;
        while (true)
        {
            if (atLineStart)
            {
                if (!Indentation())
                {
                    break;
                }

                atLineStart = false;
            }

            if (!Next(out var newline))
            {
                break;
            }

            if (newline)
            {
                atLineStart = true;
            }
        }

        if (_depth > 0)
        {
            throw Fail("end of file inside brackets");
        }

        if (_tokens.Count > 0 && _tokens[^1].Kind is not (TokenKind.Newline or TokenKind.Dedent))
        {
            _tokens.Add(new Token(TokenKind.Newline, _end, _end, ""));
        }

        while (_indents.Count > 1)
        {
            _indents.Pop();
            _tokens.Add(new Token(TokenKind.Dedent, _end, _end, ""));
        }

        _tokens.Add(new Token(TokenKind.EndMarker, _end, _end, ""));
    }

    // At the start of a line outside brackets: skips blank and comment-only lines, then emits INDENT/DEDENT. False at the end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Indentation()
    {
        while (true)
        {
            // Spaces alone (the usual indentation) are counted in one go; tabs and form feeds one by one.
            var spaces = _text.AsSpan(_position, _end - _position).IndexOfAnyExcept(' ');
            spaces = spaces < 0 ? _end - _position : spaces;
            _position += spaces;
            var column = spaces;
            var alternative = spaces;
            while (_position < _end && _text[_position] is ' ' or '\t' or '\f')
            {
                switch (_text[_position])
                {
                    case '\t':
                        column = ((column / 8) + 1) * 8;
                        alternative++;
                        break;
                    case '\f':
                        // A form feed resets the column, as CPython's tokenizer does (for Emacs users).
                        column = alternative = 0;
                        break;
                    default:
                        column++;
                        alternative++;
                        break;
                }

                _position++;
            }

            if (_position >= _end)
            {
                return false;
            }

            var c = _text[_position];

            if (c == '#')
            {
                Comment();
                if (_position >= _end)
                {
                    return false;
                }

                c = _text[_position];
            }

            if (c is '\r' or '\n')
            {
                Newline();
                continue;
            }

            if (c == '\\')
            {
                // A backslash continuation at a line's start: CPython then measures indentation after it; rare, not reproduced.
                throw Fail("line continuation at the start of a line");
            }

            var (current, currentAlternative) = _indents.Peek();
            if (column == current)
            {
                if (alternative != currentAlternative)
                {
                    throw Fail("inconsistent use of tabs and spaces in indentation");
                }
            }
            else if (column > current)
            {
                // CPython allows 100 levels ("too many levels of indentation").
                if (_indents.Count > MaxIndents)
                {
                    throw Fail("deeply nested indentation");
                }

                if (alternative <= currentAlternative)
                {
                    throw Fail("inconsistent use of tabs and spaces in indentation");
                }

                _indents.Push((column, alternative));
                _tokens.Add(new Token(TokenKind.Indent, _position, _position, ""));
            }
            else
            {
                while (_indents.Count > 1 && column < _indents.Peek().Column)
                {
                    _indents.Pop();
                    _tokens.Add(new Token(TokenKind.Dedent, _position, _position, ""));
                }

                if (column != _indents.Peek().Column || alternative != _indents.Peek().Alternative)
                {
                    throw Fail("unindent does not match any outer indentation level, or mixes tabs and spaces");
                }
            }

            return true;
        }
    }

    // Consumes one line break (\n or \r\n); a lone \r is not reproduced.
    private void Newline()
    {
        if (_text[_position] == '\r')
        {
            if (_position + 1 < _end && _text[_position + 1] == '\n')
            {
                _position += 2;
                return;
            }

            throw Fail("lone carriage return");
        }

        _position++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Comment()
    {
        var start = _position;
        var length = _text.AsSpan(start, _end - start).IndexOfAny(s_commentEnd);
        _position = length < 0 ? _end : start + length;
        if (_position < _end && _text[_position] == '\0')
        {
            throw Fail("NUL character");
        }

        _comments?.Add(new Comment(new TextSpan(start, _position), _text[start.._position]));
    }

    // Reads the next token; false at the end of the text. `newline` tells that a logical line ended.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Next(out bool newline)
    {
        newline = false;
        while (true)
        {
            if (_position >= _end)
            {
                return false;
            }

            var c = _text[_position];
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    _position++;
                    continue;
                case '#':
                    Comment();
                    continue;
                case '\\':
                    _position++;
                    if (_position < _end && _text[_position] is '\r' or '\n')
                    {
                        Newline();
                        if (_position >= _end)
                        {
                            throw Fail("line continuation at the end of the file");
                        }

                        continue;
                    }

                    throw Fail("unexpected character after line continuation");
                case '\r' or '\n':
                    var at = _position;
                    Newline();
                    if (_depth > 0)
                    {
                        continue;
                    }

                    _tokens.Add(new Token(TokenKind.Newline, at, _position, ""));
                    newline = true;
                    return true;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                NameOrString();
                return true;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _end && char.IsAsciiDigit(_text[_position + 1])))
            {
                NumberToken();
                return true;
            }

            if (c is '"' or '\'')
            {
                StringToken(_position, _position);
                return true;
            }

            if (c > 127)
            {
                throw Fail("non-ASCII character outside strings and comments");
            }

            OperatorToken();
            return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OperatorToken()
    {
        var start = _position;
        var c = _text[start];
        var c1 = start + 1 < _end ? _text[start + 1] : '\0';
        var c2 = start + 2 < _end ? _text[start + 2] : '\0';
        var op = c switch
        {
            '*' => c1 == '*' ? (c2 == '=' ? "**=" : "**") : c1 == '=' ? "*=" : "*",
            '/' => c1 == '/' ? (c2 == '=' ? "//=" : "//") : c1 == '=' ? "/=" : "/",
            '>' => c1 == '>' ? (c2 == '=' ? ">>=" : ">>") : c1 == '=' ? ">=" : ">",
            '<' => c1 == '<' ? (c2 == '=' ? "<<=" : "<<") : c1 == '=' ? "<=" : "<",
            '.' => c1 == '.' && c2 == '.' ? "..." : ".",
            '=' => c1 == '=' ? "==" : "=",
            '!' => c1 == '=' ? "!=" : null,
            '-' => c1 == '>' ? "->" : c1 == '=' ? "-=" : "-",
            '+' => c1 == '=' ? "+=" : "+",
            '%' => c1 == '=' ? "%=" : "%",
            '&' => c1 == '=' ? "&=" : "&",
            '|' => c1 == '=' ? "|=" : "|",
            '^' => c1 == '=' ? "^=" : "^",
            '@' => c1 == '=' ? "@=" : "@",
            ':' => c1 == '=' ? ":=" : ":",
            '~' => "~",
            '(' => "(",
            ')' => ")",
            '[' => "[",
            ']' => "]",
            '{' => "{",
            '}' => "}",
            ',' => ",",
            ';' => ";",
            _ => null,
        };
        if (op is null)
        {
            throw Fail($"unexpected character '{c}'");
        }

        if (c is '(' or '[' or '{')
        {
            // CPython stops at 200 nested brackets ("too many nested parentheses"): stay well below.
            if (++_depth > MaxBrackets)
            {
                throw Fail("deeply nested brackets");
            }
        }
        else if (c is ')' or ']' or '}')
        {
            if (--_depth < 0)
            {
                throw Fail("unmatched closing bracket");
            }
        }

        Add(op, op.Length);
    }

    private void Add(string op, int length)
    {
        _tokens.Add(new Token(TokenKind.Operator, _position, _position + length, op));
        _position += length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NameOrString()
    {
        // Names are short: a plain loop, hashing as it goes (see NameTable), beats a vectorised search.
        var start = _position;
        var text = _text.AsSpan(0, _end);
        var nameChars = NameChars;
        var i = start;
        var hash = NameTable.EmptyHash;
        while ((uint)i < (uint)text.Length && text[i] is var c && c < nameChars.Length && nameChars[c] != 0)
        {
            hash = NameTable.Hash(hash, c);
            i++;
        }

        _position = i;
        if (_position < _end && _text[_position] > 127)
        {
            throw Fail("non-ASCII identifier");
        }

        if (_position < _end && _text[_position] is '"' or '\'' && IsStringPrefix(start, _position - start))
        {
            StringToken(start, _position);
            return;
        }

        var name = _names.Entry(_text.AsSpan(start, _position - start), hash);
        _tokens.Add(new Token(TokenKind.Name, start, _position, name.Text, name));
    }

    // 1 for the ASCII characters of identifiers: letters, digits, '_'.
    private static ReadOnlySpan<byte> NameChars => [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,1,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0];

    private bool IsStringPrefix(int start, int length)
    {
        if (length > 2)
        {
            return false;
        }

        var first = char.ToLowerInvariant(_text[start]);
        if (length == 1)
        {
            return first is 'r' or 'u' or 'b' or 'f';
        }

        var second = char.ToLowerInvariant(_text[start + 1]);
        return (first, second) is ('b', 'r') or ('r', 'b') or ('f', 'r') or ('r', 'f');
    }

    // A string literal whose prefix starts at `start` and whose quote is at `quote`.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StringToken(int start, int quote)
    {
        var q = _text[quote];
        var triple = quote + 2 < _end && _text[quote + 1] == q && _text[quote + 2] == q;
        var i = quote + (triple ? 3 : 1);
        var stops = q == '"' ? s_doubleQuoted : s_singleQuoted;
        while (true)
        {
            // Characters other than these need no look: skip them in one go.
            var plain = _text.AsSpan(i, _end - i).IndexOfAny(stops);
            if (plain < 0)
            {
                throw Fail("unterminated string literal");
            }

            i += plain;
            var c = _text[i];
            if (c == '\\')
            {
                if (i + 1 >= _end)
                {
                    throw Fail("unterminated string literal");
                }

                if (_text[i + 1] == '\r')
                {
                    if (i + 2 >= _end || _text[i + 2] != '\n')
                    {
                        throw Fail("lone carriage return");
                    }

                    i += 3;
                    continue;
                }

                i += 2;
                continue;
            }

            if (c == '\0')
            {
                throw Fail("NUL character");
            }

            if (c is '\r' or '\n')
            {
                if (!triple)
                {
                    throw Fail("unterminated string literal");
                }

                if (c == '\r' && (i + 1 >= _end || _text[i + 1] != '\n'))
                {
                    throw Fail("lone carriage return");
                }
            }

            if (c == q && (!triple || (i + 2 < _end && _text[i + 1] == q && _text[i + 2] == q)))
            {
                i += triple ? 3 : 1;
                break;
            }

            i++;
        }

        _position = i;
        // The parser reads a string literal from the text by its range.
        _tokens.Add(new Token(TokenKind.String, start, i, ""));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NumberToken()
    {
        var start = _position;
        var i = _position;
        var c = _text[i];
        if (c == '0' && i + 1 < _end && _text[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var kind = char.ToLowerInvariant(_text[i + 1]);
            i += 2;
            if (i < _end && _text[i] == '_')
            {
                i++;
            }

            var radix = kind switch
            {
                'x' => 16,
                'o' => 8,
                _ => 2,
            };
            if (!Digits(ref i, radix))
            {
                throw Fail("invalid number literal");
            }
        }
        else
        {
            var isFloat = false;
            if (c != '.')
            {
                Digits(ref i, 10);
            }

            if (i < _end && _text[i] == '.')
            {
                isFloat = true;
                i++;
                Digits(ref i, 10);
            }

            if (i < _end && _text[i] is 'e' or 'E')
            {
                i++;
                if (i < _end && _text[i] is '+' or '-')
                {
                    i++;
                }

                if (!Digits(ref i, 10))
                {
                    throw Fail("invalid exponent");
                }

                isFloat = true;
            }

            var imaginary = i < _end && _text[i] is 'j' or 'J';
            if (imaginary)
            {
                i++;
            }

            if (!isFloat && !imaginary && _text[start] == '0')
            {
                // "0", "00", "0_0": zeros only; "01" is an error.
                for (var k = start; k < i; k++)
                {
                    if (_text[k] is not ('0' or '_'))
                    {
                        throw Fail("leading zeros in a decimal integer literal");
                    }
                }
            }
        }

        if (i < _end && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] is '_' or '.' || _text[i] > 127))
        {
            throw Fail("a number literal directly followed by a name or a dot");
        }

        if (i - start > MaxNumberLength)
        {
            // Python limits decimal conversions of huge integers; such literals are the worker's to judge.
            throw Fail("very long number literal");
        }

        _position = i;
        // Kept once per thread like names, with the Constant it stands for (see SharedLeaves).
        var hash = NameTable.EmptyHash;
        foreach (var digit in _text.AsSpan(start, i - start))
        {
            hash = NameTable.Hash(hash, digit);
        }

        var number = _names.Entry(_text.AsSpan(start, i - start), hash);
        _tokens.Add(new Token(TokenKind.Number, start, i, number.Text, number));
    }

    // Digits of the radix with single underscores between them, from i; false when there is none.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Digits(ref int i, int radix)
    {
        if (i >= _end || !IsDigit(_text[i], radix))
        {
            return false;
        }

        i++;
        while (i < _end)
        {
            if (_text[i] == '_' && i + 1 < _end && IsDigit(_text[i + 1], radix))
            {
                i += 2;
            }
            else if (IsDigit(_text[i], radix))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private static bool IsDigit(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        10 => char.IsAsciiDigit(c),
        8 => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };
}
