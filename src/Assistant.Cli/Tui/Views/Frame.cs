using System.Text;
using Assistant.Cli.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>
/// A rendered screen: exactly <c>Height</c> lines of exactly <c>Width</c> cells. The host writes only the
/// lines that differ from the previous frame; tests compare <see cref="PlainText"/> with expected files.
/// </summary>
internal sealed class Frame
{
    private Frame(TerminalSize size, IReadOnlyList<IReadOnlyList<Segment>> lines)
    {
        Size = size;
        Lines = lines;
    }

    public TerminalSize Size { get; }

    public IReadOnlyList<IReadOnlyList<Segment>> Lines { get; }

    public static Frame Render(TuiState state, IReadOnlyCapabilities capabilities) => Render(ScreenView.Render(state), capabilities, state.Size);

    /// <summary>Renders at the layout size (at least 80×24) and crops to <paramref name="size"/> (a smaller terminal sees the top-left).</summary>
    public static Frame Render(IRenderable screen, IReadOnlyCapabilities capabilities, TerminalSize size)
    {
        var layout = size.Clamped;
        var options = new RenderOptions(capabilities, new Size(layout.Width, layout.Height)) { Height = layout.Height };
        var lines = Segment.SplitLines(screen.Render(options, layout.Width))
            .Take(Math.Min(size.Height, layout.Height))
            .Select(line => (IReadOnlyList<Segment>)Line.Empty.Add(Join(line)).Fit(Math.Min(size.Width, layout.Width)).Segments())
            .ToList();
        return new Frame(size, lines);
    }

    public string PlainText() => string.Join('\n', Lines.Select(l => string.Concat(l.Select(s => s.Text)).TrimEnd())) + "\n";

    /// <summary>The escape sequences that bring a terminal showing <paramref name="previous"/> (null: anything) to this frame.</summary>
    public string Ansi(Frame? previous, IReadOnlyCapabilities capabilities)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            ColorSystem = (ColorSystemSupport)capabilities.ColorSystem,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 10_000;
        console.Profile.Capabilities.Unicode = capabilities.Unicode;
        var output = new StringBuilder();
        var full = previous is null || previous.Size != Size;
        if (full)
        {
            output.Append("\u001b[H\u001b[2J");
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            if (!full && i < previous!.Lines.Count && SameLine(previous.Lines[i], Lines[i]))
            {
                continue;
            }

            writer.GetStringBuilder().Clear();
            console.Write(new Segments(Lines[i]));
            output.Append("\u001b[").Append(i + 1).Append(";1H").Append(writer.ToString()).Append("\u001b[0m");
        }

        return output.ToString();
    }

    private static bool SameLine(IReadOnlyList<Segment> a, IReadOnlyList<Segment> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Text == p.Second.Text && p.First.Style.Equals(p.Second.Style));

    private static Line Join(IEnumerable<Segment> segments)
    {
        var line = new Line();
        foreach (var segment in segments.Where(s => !s.IsLineBreak && !s.IsControlCode))
        {
            line.Add(segment.Text, segment.Style);
        }

        return line;
    }

    private sealed class Segments(IReadOnlyList<Segment> segments) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => new(0, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => segments;
    }
}
