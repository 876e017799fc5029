namespace Assistant.Core.Source;

/// <summary>
/// Line starts of a text, split the way Python's tokenizer splits lines: at "\r\n", "\r" or "\n"
/// (not at form feeds or Unicode separators). Lines are 1-based, columns 0-based UTF-16 units.
/// </summary>
public sealed class LineMap
{
    private readonly int[] _starts;

    private LineMap(int[] starts, int length)
    {
        _starts = starts;
        TextLength = length;
    }

    public int LineCount => _starts.Length;

    public int TextLength { get; }

    public static LineMap For(string text)
    {
        // Counted first, so the starts fill one array of the right size. A trailing line terminator opens no new line.
        var span = text.AsSpan();
        var returns = span.Count('\r');
        var breaks = span.Count('\n') + (returns == 0 ? 0 : returns - span.Count("\r\n".AsSpan()));
        var trailing = text.Length > 0 && text[^1] is '\r' or '\n' ? 1 : 0;
        var starts = new int[breaks + 1 - trailing];
        var count = 1;
        for (var i = span.IndexOfAny('\r', '\n'); i >= 0;)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (i + 1 < text.Length)
            {
                starts[count++] = i + 1;
            }

            var next = span[(i + 1)..].IndexOfAny('\r', '\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return new LineMap(starts, text.Length);
    }

    public int LineStart(int line) => _starts[line - 1];

    /// <summary>Offset one past the line's terminator (the next line's start, or the text's end).</summary>
    public int LineEnd(int line) => line < _starts.Length ? _starts[line] : TextLength;

    public TextSpan LineSpan(int line) => new(LineStart(line), LineEnd(line));

    public int LineOf(int offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index + 1 : ~index;
    }

    public (int Line, int Column) Position(int offset)
    {
        var line = LineOf(offset);
        return (line, offset - LineStart(line));
    }
}
