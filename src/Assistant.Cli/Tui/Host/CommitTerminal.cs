using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// The wizard's side of <see cref="ICommitTerminal"/>: the engine calls it from background work, so the commit is posted to
/// the render loop as a <see cref="TerminalLoan"/> and runs there, with the screen left and keys paused (as for $EDITOR).
/// </summary>
internal sealed class CommitTerminal(Action<TerminalLoan> post) : ICommitTerminal
{
    public async Task<T> LendAsync<T>(string reason, Func<TextWriter, Task<T>> commit, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        post(new TerminalLoan(reason, async terminal =>
        {
            try
            {
                done.TrySetResult(await commit(terminal));
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }));
        return await done.Task;
    }
}
