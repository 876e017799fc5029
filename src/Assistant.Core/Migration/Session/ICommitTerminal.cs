namespace Assistant.Core.Migration.Session;

/// <summary>
/// Lends the user's terminal to git for one commit, when hooks will run or the commit is signed: they may print,
/// prompt on <c>/dev/tty</c> or ask for a passphrase. A full-screen UI implements it by leaving its screen and not
/// reading keys until the commit is done, then redrawing (as it does for <c>$EDITOR</c>).
/// </summary>
public interface ICommitTerminal
{
    /// <summary>
    /// Runs <paramref name="commit"/> with the terminal handed over. <paramref name="reason"/> says why (the hooks, signing);
    /// the writer passed to <paramref name="commit"/> is the terminal, where git's hook and signing output is copied as it comes.
    /// </summary>
    Task<T> LendAsync<T>(string reason, Func<TextWriter, Task<T>> commit, CancellationToken cancellationToken);
}
