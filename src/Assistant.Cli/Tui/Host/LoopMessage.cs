using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Host;

/// <summary>What arrives at the render loop: a key from the reader, an event from background work (results, progress, ticks),
/// or a commit asking for the terminal.</summary>
internal sealed record LoopMessage(ConsoleKeyInfo? Key, TuiEvent? Event, TerminalLoan? Loan = null)
{
    public static LoopMessage Of(ConsoleKeyInfo key) => new(key, null);

    public static LoopMessage Of(TuiEvent message) => new(null, message);

    public static LoopMessage Of(TerminalLoan loan) => new(null, null, loan);
}
