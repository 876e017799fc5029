using System.Threading.Channels;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;
using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session;
using Spectre.Console;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// The one render loop that owns the console. Keys (from <see cref="KeyReader"/>), results of background work
/// (session calls through <see cref="SessionDriver"/>), scan progress and ticks all arrive on one channel; the
/// loop applies them to the state and redraws only when the state or the terminal size changed, writing only
/// the lines that differ. Opening the session runs in the background too, so the scan shows progress. The terminal is
/// handed over (screen left, keys paused) to <c>$EDITOR</c> and to commits that run git hooks or sign, then redrawn.
/// </summary>
internal sealed class TuiHost(IAnsiConsole console, TuiHost.SessionOpener open, EditorLauncher editor)
{
    /// <summary>Opens the session; <paramref name="terminal"/> is what the engine lends commits that need the terminal.</summary>
    public delegate Task<IMigrationSession> SessionOpener(IProgress<ScanProgress> progress, ICommitTerminal terminal, CancellationToken cancellationToken);

    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly Channel<LoopMessage> _channel = Channel.CreateUnbounded<LoopMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ScanProgressRelay _scanProgress = new();
    private SessionDriver? _driver;
    private Exception? _openFailure;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var screen = new TerminalScreen(console);
        var keys = new KeyReader(console, _channel.Writer);
        var state = new TuiState { Size = CurrentSize() };
        Frame? shown = null;
        TuiState? rendered = null;
        screen.Enter();
        try
        {
            _ = keys.RunAsync(stop.Token);
            _ = TickAsync(stop.Token);
            _ = OpenAsync(stop.Token);
            while (!state.IsQuitting)
            {
                if (!Equals(state, rendered) || shown is null)
                {
                    var frame = Frame.Render(state, console.Profile.Capabilities);
                    Write(frame.Ansi(shown, console.Profile.Capabilities));
                    (shown, rendered) = (frame, state);
                }

                var message = await _channel.Reader.ReadAsync(stop.Token);
                do
                {
                    if (_openFailure is not null)
                    {
                        throw _openFailure;
                    }

                    if (message.Loan is { } loan)
                    {
                        await LendAsync(loan, screen, keys);
                        shown = null;
                        continue;
                    }

                    var transition = message.Key is { } key ? KeyMap.Dispatch(state, key) : TuiUpdate.Apply(state, message.Event!);
                    state = transition.State;
                    if (transition.Effect is TuiEffect.EditFile edit)
                    {
                        await EditAsync(edit, screen, keys, stop.Token);
                        shown = null;
                    }
                    else if (transition.Effect is { } effect and not TuiEffect.Quit)
                    {
                        Start(effect, stop.Token);
                    }
                }
                while (!state.IsQuitting && _channel.Reader.TryRead(out message!));
            }

            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            screen.Leave();
            if (_driver is not null)
            {
                await _driver.Session.DisposeAsync();
            }
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var terminal = new CommitTerminal(loan => _channel.Writer.TryWrite(LoopMessage.Of(loan)));
            var session = await Task.Run(() => open(_scanProgress, terminal, cancellationToken), cancellationToken);
            _driver = new SessionDriver(session);
            Post(await _driver.OpenedAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The loop rethrows it after restoring the terminal: the command prints one line and exits with its code.
            _openFailure = exception;
            Post(new TuiEvent.Ticked());
        }
    }

    private void Start(TuiEffect effect, CancellationToken cancellationToken)
    {
        var driver = _driver;
        if (driver is null)
        {
            Post(new TuiEvent.Failed("the session is still opening"));
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                Post(await driver.RunAsync(effect, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                Post(new TuiEvent.Failed(exception.Message.ReplaceLineEndings(" ")));
            }
        }, cancellationToken);
    }

    // The editor gets the real terminal: stop reading keys, leave the alternate screen, run it, then come back.
    private async Task EditAsync(TuiEffect.EditFile edit, TerminalScreen screen, KeyReader keys, CancellationToken cancellationToken)
    {
        keys.Pause();
        screen.Leave();
        EditorOutcome outcome;
        try
        {
            outcome = await editor.EditAsync(edit.File, edit.Text, cancellationToken);
        }
        finally
        {
            screen.Enter();
            keys.Resume();
        }

        var driver = _driver!;
        _ = Task.Run(async () =>
        {
            try
            {
                Post(await driver.EditedAsync(edit.File, outcome.Text, outcome.Error, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Post(new TuiEvent.Failed(exception.Message.ReplaceLineEndings(" ")));
            }
        }, cancellationToken);
    }

    // A commit whose hooks or signing may talk to the user: git gets the terminal the way the editor does. The loop
    // draws nothing meanwhile (it is awaiting here); what the hooks print stays above the redrawn screen's scrollback.
    private async Task LendAsync(TerminalLoan loan, TerminalScreen screen, KeyReader keys)
    {
        keys.Pause();
        screen.Leave();
        try
        {
            var writer = console.Profile.Out.Writer;
            await writer.WriteLineAsync($"flowmigrate: committing with {loan.Reason}; git has the terminal until the commit is done.");
            await writer.FlushAsync();
            await loan.Run(writer);
        }
        finally
        {
            screen.Enter();
            keys.Resume();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickInterval);
        var size = CurrentSize();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = CurrentSize();
                if (now != size)
                {
                    size = now;
                    Post(new TuiEvent.Resized(now));
                }

                if (_scanProgress.TakeChanged() is { } progress)
                {
                    Post(new TuiEvent.ScanProgressed(progress));
                }

                Post(new TuiEvent.Ticked());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TerminalSize CurrentSize() => new(console.Profile.Width, console.Profile.Height);

    private void Post(TuiEvent message) => _channel.Writer.TryWrite(LoopMessage.Of(message));

    private void Write(string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Flush();
    }
}
