using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// The terminal modes the TUI needs: alternate screen, hidden cursor, Ctrl-C as a key. <see cref="Leave"/> puts
/// everything back and is safe to call twice; it also runs on process exit, SIGTERM/SIGHUP and unhandled
/// exceptions, so the user's shell is never left on the alternate screen.
/// </summary>
internal sealed class TerminalScreen : IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly List<IDisposable> _registrations = [];
    private readonly object _gate = new();
    private bool _active;
    private bool _treatControlC;

    public TerminalScreen(IAnsiConsole console)
    {
        _console = console;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        AppDomain.CurrentDomain.UnhandledException += OnExit;
        Console.CancelKeyPress += OnCancel;
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, _ => Leave()));
        }
    }

    public void Enter()
    {
        lock (_gate)
        {
            if (_active)
            {
                return;
            }

            _active = true;
            Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            _treatControlC = Console.TreatControlCAsInput;
            TryTreatControlCAsInput(true);
            Write("\u001b[?1049h\u001b[?25l\u001b[H\u001b[2J");
        }
    }

    public void Leave()
    {
        lock (_gate)
        {
            if (!_active)
            {
                return;
            }

            _active = false;
            Write("\u001b[0m\u001b[?25h\u001b[?1049l");
            TryTreatControlCAsInput(_treatControlC);
        }
    }

    public void Dispose()
    {
        Leave();
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        AppDomain.CurrentDomain.UnhandledException -= OnExit;
        Console.CancelKeyPress -= OnCancel;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Write(string sequence)
    {
        var writer = _console.Profile.Out.Writer;
        writer.Write(sequence);
        writer.Flush();
    }

    private void OnExit(object? sender, EventArgs e) => Leave();

    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => Leave();

    private static void TryTreatControlCAsInput(bool value)
    {
        try
        {
            Console.TreatControlCAsInput = value;
        }
        catch (IOException)
        {
            // No console attached (tests, redirected input): Ctrl-C keeps its default meaning.
        }
    }
}
