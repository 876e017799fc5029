using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>A box of exactly <see cref="Height"/> lines: any renderable inside is cropped or padded to fill it.</summary>
internal sealed class Region(IRenderable content, int height) : IRenderable
{
    public int Height { get; } = height;

    public Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var lines = Segment.SplitLines(content.Render(options with { Height = Height }, maxWidth)).Take(Height).ToList();
        for (var i = 0; i < Height; i++)
        {
            if (i > 0)
            {
                yield return Segment.LineBreak;
            }

            var used = 0;
            if (i < lines.Count)
            {
                foreach (var segment in lines[i].Where(s => !s.IsLineBreak))
                {
                    yield return segment;
                    used += segment.CellCount();
                }
            }

            if (used < maxWidth)
            {
                yield return new Segment(new string(' ', maxWidth - used));
            }
        }
    }
}
