using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>
/// One key: what it is called (<see cref="Label"/>), what it does, the handler, and why it cannot be
/// used now (<see cref="DisabledReason"/>, null when it can). The same list dispatches keys, fills the
/// key bar and generates the help overlay.
/// </summary>
internal sealed record KeyBinding(string Label, string Description, Func<ConsoleKeyInfo, bool> Matches, Func<TuiState, ConsoleKeyInfo, Transition> Handler)
{
    public Func<TuiState, string?> DisabledReason { get; init; } = static _ => null;

    /// <summary>Short name for the key bar (defaults to the description).</summary>
    public string? Short { get; init; }

    /// <summary>Navigation keys are listed in the help overlay but not in the key bar.</summary>
    public bool InBar { get; init; } = true;

    public string BarText => Short ?? Description;

    public KeyBinding When(Func<TuiState, string?> reason)
    {
        var previous = DisabledReason;
        return this with { DisabledReason = state => previous(state) ?? reason(state) };
    }
}
