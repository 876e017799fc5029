namespace Assistant.Cli.Tui.State;

/// <summary>A question asked before something that is hard to undo; <see cref="Effect"/> runs on yes.</summary>
internal sealed record ConfirmAction(string Title, string Question, TuiEffect Effect, string Busy);
