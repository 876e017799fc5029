namespace Assistant.Cli.Tui.State;

/// <summary>The terminal's size in cells; the layout is designed from 80×24 up and clamps smaller terminals to that.</summary>
internal sealed record TerminalSize(int Width, int Height)
{
    public static TerminalSize Minimum { get; } = new(80, 24);

    public TerminalSize Clamped => new(Math.Max(Width, Minimum.Width), Math.Max(Height, Minimum.Height));

    /// <summary>Side-by-side diffs need two readable columns of code next to the steps list.</summary>
    public bool AllowsSideBySide => Width >= 120;

    public bool IsTall => Height >= 36;
}
