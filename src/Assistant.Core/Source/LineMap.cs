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
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        for (var i = text.AsSpan().IndexOfAny('\r', '\n'); i >= 0;)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            starts.Add(i + 1);
            var next = text.AsSpan(i + 1).IndexOfAny('\r', '\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        // A trailing line terminator does not open a new line.
        if (starts.Count > 1 && starts[^1] == text.Length)
        {
            starts.RemoveAt(starts.Count - 1);
        }

        return new LineMap([.. starts], text.Length);
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
