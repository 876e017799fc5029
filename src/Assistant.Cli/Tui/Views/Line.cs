using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>One screen line of styled spans; never wraps: cropped at the width it is given (or <see cref="Fit"/>ted to an exact width).</summary>
internal sealed class Line : IRenderable
{
    private readonly List<Segment> _segments = [];

    public static Line Empty => new();

    public int Width => Segment.CellCount(_segments);

    public static Line Of(string text, Style? style = null) => new Line().Add(text, style);

    public Line Add(string text, Style? style = null)
    {
        if (text.Length > 0)
        {
            _segments.Add(new Segment(Clean(text), style ?? Style.Plain));
        }

        return this;
    }

    public Line Add(Line other)
    {
        _segments.AddRange(other._segments);
        return this;
    }

    /// <summary>Crops or pads (with <paramref name="fill"/>'s style) to exactly <paramref name="width"/> cells.</summary>
    public Line Fit(int width, Style? fill = null)
    {
        var line = new Line();
        var used = 0;
        foreach (var segment in _segments)
        {
            var cells = segment.CellCount();
            if (used + cells <= width)
            {
                line._segments.Add(segment);
                used += cells;
                continue;
            }

            var text = Crop(segment.Text, width - used);
            if (text.Length > 0)
            {
                line._segments.Add(new Segment(text, segment.Style));
                used += new Segment(text).CellCount();
            }

            break;
        }

        if (used < width)
        {
            line._segments.Add(new Segment(new string(' ', width - used), fill ?? Style.Plain));
        }

        return line;
    }

    public string Text => string.Concat(_segments.Select(s => s.Text));

    public IReadOnlyList<Segment> Segments() => _segments;

    public Measurement Measure(RenderOptions options, int maxWidth) => new(Math.Min(Width, maxWidth), Math.Min(Width, maxWidth));

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => Width <= maxWidth ? _segments : Fit(maxWidth)._segments;

    private static string Crop(string text, int cells)
    {
        var end = 0;
        var used = 0;
        while (end < text.Length)
        {
            var step = char.IsSurrogatePair(text, end) ? 2 : 1;
            var width = new Segment(text.Substring(end, step)).CellCount();
            if (used + width > cells)
            {
                break;
            }

            used += width;
            end += step;
        }

        return text[..end];
    }

    // Tabs and control characters would move the cursor: a tab shows as 4 spaces, other controls as '?'.
    private static string Clean(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => c == '\t' ? "    " : char.IsControl(c) ? "?" : c.ToString()))
            : text;
}
