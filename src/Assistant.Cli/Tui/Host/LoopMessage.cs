using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Host;

/// <summary>What arrives at the render loop: a key from the reader, or an event from background work (results, progress, ticks).</summary>
internal sealed record LoopMessage(ConsoleKeyInfo? Key, TuiEvent? Event)
{
    public static LoopMessage Of(ConsoleKeyInfo key) => new(key, null);

    public static LoopMessage Of(TuiEvent message) => new(null, message);
}
