namespace Assistant.Cli.Tui.State;

/// <summary>The next state, and the work (if any) the host should start for it.</summary>
internal sealed record Transition(TuiState State, TuiEffect? Effect = null)
{
    public static implicit operator Transition(TuiState state) => new(state);
}
