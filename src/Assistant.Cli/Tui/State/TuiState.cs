namespace Assistant.Cli.Tui.State;

/// <summary>
/// Everything the screen shows, as one immutable value: views read it, only key handlers and
/// <see cref="TuiUpdate"/> make new ones. <see cref="Busy"/> names the operation running in the
/// background (keys that would race it are disabled, with that reason).
/// </summary>
internal sealed record TuiState
{
    public Screen Screen { get; init; } = Screen.Overview;

    public TerminalSize Size { get; init; } = TerminalSize.Minimum;

    public OverviewState Overview { get; init; } = new();

    public WizardState? Wizard { get; init; }

    public CheckState? Check { get; init; }

    public CommitState? Commit { get; init; }

    public ConfirmAction? Confirm { get; init; }

    public bool ShowHelp { get; init; }

    public string? Busy { get; init; }

    public StatusMessage? Message { get; init; }

    /// <summary>Advanced by the host's tick while something runs; drives the spinner.</summary>
    public int Frame { get; init; }

    public bool IsQuitting { get; init; }

    public int DiffRows => Wizard is null ? 0 : WizardLayout.DiffRows(Size, Wizard.Snapshot);

    public TuiState Say(string text) => this with { Message = new StatusMessage(text) };

    public TuiState Warn(string text) => this with { Message = StatusMessage.Error(text) };

    public Transition Start(TuiEffect effect, string busy) => new(this with { Busy = busy, Message = null }, effect);
}
