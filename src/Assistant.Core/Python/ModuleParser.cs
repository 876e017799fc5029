using System.Text.Json;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>
/// Parses Python source with the user's own interpreter (exact grammar of that version). The same
/// text parsed again is answered from the worker's cache of recent parses (<see cref="PythonWorker.Parses"/>),
/// shared by every parser of that worker, without a round trip. When the worker's interpreter is the version
/// <see cref="InProcessParser"/> reproduces (and <paramref name="inProcess"/> is true, the default), modules are parsed
/// in process into the same tree, and only text it leaves to the worker (syntax errors, constructs it does not
/// reproduce) makes a round trip; the user's Python still confirms every text the tool writes (<see cref="CheckSyntaxAsync"/>).
/// </summary>
public sealed class ModuleParser(PythonWorker worker, bool inProcess = true)
{
    private const double SecondsPerMegabyte = 30;

    private readonly ParseCache _cache = worker.Parses;
    private int _workerParses;
    private int _inProcessParses;

    /// <summary>Whether parses of this parser may come from <see cref="InProcessParser"/> (set, and the interpreter's version matches).</summary>
    public bool InProcess => inProcess && InProcessParser.Matches(worker.Version?.Version);

    /// <summary>Parse requests this parser sent to the worker.</summary>
    public int WorkerParses => Volatile.Read(ref _workerParses);

    /// <summary>Modules this parser parsed in process.</summary>
    public int InProcessParses => Volatile.Read(ref _inProcessParses);

    /// <summary>Parses a module; <paramref name="comments"/> = false skips collecting comments (Python's pure-Python tokenizer, about a third of the cost), which the scan does without.</summary>
    public async Task<ParseOutcome> ParseAsync(string path, string text, SourceEncoding? encoding = null, CancellationToken cancellationToken = default, bool comments = true)
    {
        var sourceEncoding = encoding ?? SourceEncoding.Utf8;
        if (_cache.Find(path, text, sourceEncoding, comments) is { } cached)
        {
            return cached;
        }

        if (InProcess && InProcessParser.TryParse(path, text, sourceEncoding, comments) is { } parsed)
        {
            Interlocked.Increment(ref _inProcessParses);
            _cache.Add(path, text, sourceEncoding, comments, parsed);
            return parsed;
        }

        Interlocked.Increment(ref _workerParses);
        var outcome = await ParseWithWorkerAsync(path, text, sourceEncoding, comments, cancellationToken).ConfigureAwait(false);
        _cache.Add(path, text, sourceEncoding, comments, outcome);
        return outcome;
    }

    private async Task<ParseOutcome> ParseWithWorkerAsync(string path, string text, SourceEncoding encoding, bool comments, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?> { ["text"] = text, ["path"] = path, ["comments"] = comments };
        var line = await worker.SendForAnswerAsync("parse", request, ParseTimeout(text), cancellationToken: cancellationToken).ConfigureAwait(false);
        ParseAnswer? answer;
        try
        {
            answer = SyntaxTreeReader.ReadAnswer(line.Span);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker's answer to 'parse' is not a syntax tree: {exception.Message}", exception);
        }

        if (answer is null)
        {
            // Not a success: the answer's error says why.
            PythonWorker.Result("parse", line);
        }

        if (answer!.SyntaxError is { } error)
        {
            return new ParseOutcome(null, ReadDiagnostic(error));
        }

        if (answer.Root is not { } root)
        {
            throw new PythonWorkerException(PythonWorkerFailure.ProtocolError, "the Python worker's answer to 'parse' holds neither a tree nor a syntax error");
        }

        return new ParseOutcome(new PythonModule(path, text, encoding, root, answer.Comments), null);
    }

    // Parsing and encoding the tree grows with the text: a generated module of several MB legitimately
    // takes far longer than the per-request limit meant to catch a hung worker.
    private TimeSpan ParseTimeout(string text) => worker.Options.RequestTimeout + TimeSpan.FromSeconds(SecondsPerMegabyte * text.Length / 1_000_000.0);

    /// <summary>Null when <paramref name="text"/> parses; otherwise where and why it does not.</summary>
    public async Task<SyntaxDiagnostic?> CheckSyntaxAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        var result = await worker.SendAsync("check_syntax", new Dictionary<string, object?> { ["text"] = text, ["path"] = path }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.GetProperty("valid").GetBoolean() ? null : ReadDiagnostic(result.GetProperty("syntax_error"));
    }

    private static SyntaxDiagnostic ReadDiagnostic(JsonElement error) => new(
        error.GetProperty("line").GetInt32(),
        error.GetProperty("column").GetInt32(),
        error.TryGetProperty("offset", out var offset) ? offset.GetInt32() : 0,
        error.GetProperty("message").GetString()!,
        error.TryGetProperty("text", out var text) ? text.GetString() : null);
}
