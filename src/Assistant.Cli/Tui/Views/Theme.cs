using Spectre.Console;

namespace Assistant.Cli.Tui.Views;

/// <summary>The few styles the screens use. Colors drop out under NO_COLOR; selection stays visible (inverted, and marked with ›).</summary>
internal static class Theme
{
    public static Style Title { get; } = new(Color.White, Color.Blue, Decoration.Bold);

    public static Style Bold { get; } = new(decoration: Decoration.Bold);

    public static Style Dim { get; } = new(Color.Grey, decoration: Decoration.Dim);

    public static Style Selected { get; } = new(decoration: Decoration.Invert);

    public static Style Added { get; } = new(Color.Green);

    public static Style Removed { get; } = new(Color.Red);

    public static Style Hunk { get; } = new(Color.Aqua);

    public static Style File { get; } = new(Color.White, decoration: Decoration.Bold | Decoration.Underline);

    public static Style Error { get; } = new(Color.Red, decoration: Decoration.Bold);

    public static Style Warning { get; } = new(Color.Yellow);

    public static Style Ok { get; } = new(Color.Green, decoration: Decoration.Bold);

    public static Style Key { get; } = new(Color.Yellow, decoration: Decoration.Bold);

    public static Style Safety(Assistant.Core.Rules.Safety safety) => safety switch
    {
        Assistant.Core.Rules.Safety.Safe => new Style(Color.Green),
        Assistant.Core.Rules.Safety.Review => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };

    public static string Spinner(int frame) => "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"[frame % 10].ToString();
}
