using Assistant.Core.Python;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// Texts built on in-process trees, confirmed with the user's Python in batches as they come: each full batch goes to the
/// worker (another process) at once and is answered while the conversion goes on, so what a conversion waits for at its end
/// is only its last texts. <see cref="AllParseAsync"/> sends what is left and tells whether every text sent parses.
/// Thread-safe: the step engine's workers add texts as their modules finish.
/// </summary>
internal sealed class SyntaxConfirmations(ModuleParser parser, CancellationToken cancellationToken)
{
    // Small enough that the last batches of a conversion spread over the worker's processes (see PythonWorker), large enough to
    // amortise a round trip (about 50 KB of text, a few tens of milliseconds of the worker's parser).
    private const int BatchSize = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private readonly List<Task<IReadOnlyList<SyntaxDiagnostic?>>> _answers = [];
    private List<(string Path, string Text)> _pending = [];

    /// <summary>Queues <paramref name="text"/> of <paramref name="path"/> for confirmation (a text already sent is not sent again).</summary>
    public void Add(string path, string text)
    {
        lock (_gate)
        {
            if (!Queue(path, text) || _pending.Count < BatchSize)
            {
                return;
            }

            Send();
        }
    }

    /// <summary>Sends <paramref name="last"/> (those not sent yet) with whatever is queued, and waits for every answer.</summary>
    public async Task<bool> AllParseAsync(IEnumerable<(string Path, string Text)> last)
    {
        Task<IReadOnlyList<SyntaxDiagnostic?>>[] answers;
        lock (_gate)
        {
            foreach (var (path, text) in last)
            {
                Queue(path, text);
            }

            Send();
            answers = [.. _answers];
        }

        foreach (var verdicts in await Task.WhenAll(answers).ConfigureAwait(false))
        {
            if (verdicts.Any(v => v is not null))
            {
                return false;
            }
        }

        return true;
    }

    private bool Queue(string path, string text)
    {
        if (_sent.TryGetValue(path, out var sent) && string.Equals(sent, text, StringComparison.Ordinal))
        {
            return false;
        }

        _sent[path] = text;
        _pending.Add((path, text));
        return true;
    }

    private void Send()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // The request is written on another thread, not under the gate: writing tens of KB of text into the pipe would hold up
        // every module that finishes meanwhile.
        var batch = _pending;
        _pending = [];
        _answers.Add(Task.Run(() => parser.CheckSyntaxManyAsync(batch, cancellationToken), cancellationToken));
    }
}
