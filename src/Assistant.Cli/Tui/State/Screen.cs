namespace Assistant.Cli.Tui.State;

/// <summary>The four screens of the wizard; help and confirmation dialogs are layers on top of them.</summary>
internal enum Screen
{
    Overview,
    Wizard,
    Check,
    Commit,
}
