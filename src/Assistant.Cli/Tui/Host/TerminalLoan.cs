namespace Assistant.Cli.Tui.Host;

/// <summary>A commit that needs the terminal, posted to the render loop: <see cref="Run"/> gets the terminal's writer, <see cref="Reason"/> says why.</summary>
internal sealed record TerminalLoan(string Reason, Func<TextWriter, Task> Run);
