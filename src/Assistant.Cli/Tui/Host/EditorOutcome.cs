namespace Assistant.Cli.Tui.Host;

/// <summary>The text the user saved, or why there is none.</summary>
internal sealed record EditorOutcome(string? Text, string? Error)
{
    public static EditorOutcome Failed(string error) => new(null, error);
}
