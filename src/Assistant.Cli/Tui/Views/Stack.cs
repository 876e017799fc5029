using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>Renderables one under the other, each starting on its own line (no trailing line break, so a full screen never scrolls).</summary>
internal sealed class Stack(IEnumerable<IRenderable> items) : IRenderable
{
    private readonly List<IRenderable> _items = items.ToList();

    public Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var first = true;
        foreach (var item in _items)
        {
            if (!first)
            {
                yield return Segment.LineBreak;
            }

            first = false;
            var segments = item.Render(options, maxWidth).ToList();
            while (segments.Count > 0 && segments[^1].IsLineBreak)
            {
                segments.RemoveAt(segments.Count - 1);
            }

            foreach (var segment in segments)
            {
                yield return segment;
            }
        }
    }
}
