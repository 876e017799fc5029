using System.Threading.Channels;
using Spectre.Console;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// Reads keys on its own thread and posts them to the loop. It polls instead of blocking in ReadKey so it can be
/// paused: while $EDITOR runs, the editor must get every keystroke.
/// </summary>
internal sealed class KeyReader(IAnsiConsole console, ChannelWriter<LoopMessage> loop)
{
    private readonly ManualResetEventSlim _running = new(true);
    private readonly ManualResetEventSlim _idle = new(true);

    public Task RunAsync(CancellationToken cancellationToken) => Task.Factory.StartNew(() =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            _running.Wait(cancellationToken);
            _idle.Reset();
            try
            {
                if (console.Input.IsKeyAvailable())
                {
                    if (console.Input.ReadKey(intercept: true) is { } key)
                    {
                        loop.TryWrite(LoopMessage.Of(key));
                    }

                    continue;
                }
            }
            finally
            {
                _idle.Set();
            }

            Thread.Sleep(10);
        }
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Stops reading and waits until no read is under way.</summary>
    public void Pause()
    {
        _running.Reset();
        _idle.Wait(TimeSpan.FromSeconds(1));
    }

    public void Resume() => _running.Set();
}
