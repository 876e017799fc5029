namespace Assistant.Core.Python.Checks;

/// <summary>
/// Runs one check per item on several checkers at once (each with a Python worker of its own, whose forked children take a
/// core each): every checker takes the next item as soon as it is done with one, and the results come in the items' order
/// whichever finished first, so the outcome is the same as one checker going through them. When a check throws, the other
/// checkers stop at their next item and the exception is thrown.
/// </summary>
public static class CheckQueue
{
    public static async Task<TResult[]> RunAsync<TChecker, TItem, TResult>(IReadOnlyList<TChecker> checkers, IReadOnlyList<TItem> items,
        Func<TChecker, TItem, CancellationToken, Task<TResult>> check, CancellationToken cancellationToken = default)
    {
        if (checkers.Count == 0)
        {
            throw new ArgumentException("at least one checker is needed", nameof(checkers));
        }

        var results = new TResult[items.Count];
        var next = -1;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(checkers.Take(Math.Max(1, items.Count)).Select(async checker =>
        {
            try
            {
                for (int index; (index = Interlocked.Increment(ref next)) < items.Count;)
                {
                    stopping.Token.ThrowIfCancellationRequested();
                    results[index] = await check(checker, items[index], stopping.Token).ConfigureAwait(false);
                }
            }
            catch
            {
                await stopping.CancelAsync().ConfigureAwait(false);
                throw;
            }
        })).ConfigureAwait(false);
        return results;
    }
}
