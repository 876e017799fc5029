namespace Assistant.Cli.Tui.State;

/// <summary>The line above the key bar: what just happened, or why a key did nothing.</summary>
internal sealed record StatusMessage(string Text, bool IsError = false)
{
    public static StatusMessage Error(string text) => new(text, IsError: true);
}
