using System.Text.Json;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>
/// Parses Python source with the user's own interpreter (exact grammar of that version). The same
/// text parsed again is answered from the worker's cache of recent parses (<see cref="PythonWorker.Parses"/>),
/// shared by every parser of that worker, without a round trip. When the worker's interpreter is the version
/// <see cref="InProcessParser"/> reproduces (unless the parser is made worker-only), modules are parsed
/// in process into the same tree, and only text it leaves to the worker (syntax errors, constructs it does not
/// reproduce) makes a round trip; the user's Python still confirms every text the tool writes (<see cref="CheckSyntaxAsync"/>).
/// </summary>
public sealed class ModuleParser
{
    private const double SecondsPerMegabyte = 30;

    // A check_syntax_batch request holds at most this many texts, or texts of this many characters together (one text
    // larger than that goes alone): enough to amortise a round trip, small enough to keep both parse processes busy.
    private const int MaxBatchFiles = 64;
    private const long MaxBatchCharacters = 2_000_000;

    private readonly PythonWorker _worker;
    private readonly bool _inProcess;
    private readonly Func<string, string, SourceEncoding, bool, ParseOutcome?> _parseInProcess;
    private readonly Func<PythonModule, EditSet, string, PythonModule?> _reparseInProcess;
    private readonly ParseCache _cache;
    private int _workerParses;
    private int _inProcessParses;

    /// <summary>A parser of <paramref name="worker"/>; <paramref name="inProcess"/> false always asks the worker (tests, diagnosis).</summary>
    public ModuleParser(PythonWorker worker, bool inProcess = true)
        : this(worker, inProcess, InProcessParser.TryParse)
    {
    }

    /// <summary>A parser whose in-process side is <paramref name="parseInProcess"/> (tests inject a lenient one) and, for
    /// <see cref="ReparseAsync"/>, <paramref name="reparseInProcess"/> (by default <see cref="IncrementalReparser.TryReparse"/>).</summary>
    internal ModuleParser(PythonWorker worker, bool inProcess, Func<string, string, SourceEncoding, bool, ParseOutcome?> parseInProcess,
        Func<PythonModule, EditSet, string, PythonModule?>? reparseInProcess = null)
    {
        _worker = worker;
        _inProcess = inProcess;
        _parseInProcess = parseInProcess;
        _reparseInProcess = reparseInProcess ?? IncrementalReparser.TryReparse;
        _cache = worker.Parses;
    }

    /// <summary>The environment variable that, set to 0, makes every parser ask the worker (diagnosis, measurements).</summary>
    public const string InProcessVariable = "FLOWMIGRATE_PARSE_IN_PROCESS";

    private static readonly bool DisabledByEnvironment = Environment.GetEnvironmentVariable(InProcessVariable) == "0";

    /// <summary>Whether parses of this parser may come from <see cref="InProcessParser"/> (enabled, and the interpreter's version
    /// matches, or is not known yet and the parser is <see cref="Speculative"/>).</summary>
    public bool InProcess => _inProcess && !DisabledByEnvironment
        && (_worker.KnownVersion is { } known ? InProcessParser.Matches(known.Version) : Speculative);

    /// <summary>
    /// Parses in process while the worker is still starting (its version unknown), on the bet that the user's Python is the one
    /// <see cref="InProcessParser"/> reproduces. Those trees are not cached; once the version is known, <see cref="SpeculatedWrongly"/>
    /// tells the caller to parse again (<see cref="Migration.Inventory.InventoryBuilder"/> does: a wrong bet costs one in-process pass,
    /// a right one spares waiting for Python).
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>Learns the interpreter's version (<see cref="PythonWorker.IdentifyAsync"/>): after it, <see cref="SpeculatedWrongly"/> is final.</summary>
    public Task IdentifyAsync(CancellationToken cancellationToken = default) => _worker.IdentifyAsync(cancellationToken);

    /// <summary>Whether this parser parsed a text in process before the version was known, and the version turned out to be another.</summary>
    public bool SpeculatedWrongly => Volatile.Read(ref _speculativeParses) > 0 && _worker.KnownVersion is { } known && !InProcessParser.Matches(known.Version);

    private int _speculativeParses;

    /// <summary>Parse requests this parser sent to the worker.</summary>
    public int WorkerParses => Volatile.Read(ref _workerParses);

    /// <summary>Modules this parser parsed in process (<see cref="ReparseAsync"/>'s incremental parses included).</summary>
    public int InProcessParses => Volatile.Read(ref _inProcessParses);

    /// <summary>Modules <see cref="ReparseAsync"/> parsed again only where they were edited.</summary>
    public int IncrementalParses => Volatile.Read(ref _incrementalParses);

    private int _incrementalParses;

    /// <summary>Parses a module; <paramref name="comments"/> = false skips collecting comments (Python's pure-Python tokenizer, about a third of the cost), which the scan does without.</summary>
    public Task<ParseOutcome> ParseAsync(string path, string text, SourceEncoding? encoding = null, CancellationToken cancellationToken = default, bool comments = true)
    {
        var key = ParseCache.Key.Of(path, text, encoding ?? SourceEncoding.Utf8, comments);
        return Cached(key) is { } cached ? Task.FromResult(cached) : ParseUncachedAsync(key, cancellationToken);
    }

    /// <summary>A file's bytes as a module (decoded as Python decodes source), or null when they do not decode or parse.</summary>
    public async Task<PythonModule?> ParseBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var decoded = SourceFileReader.Decode(bytes);
        return decoded.IsSuccess ? (await ParseAsync(path, decoded.Text!, decoded.Encoding, cancellationToken).ConfigureAwait(false)).Module : null;
    }

    /// <summary>
    /// Parses <paramref name="text"/>, which is <paramref name="previous"/>'s text with <paramref name="edits"/> applied, with its
    /// comments: the same module <see cref="ParseAsync"/> gives, and when parsing in process, made by parsing only the lines the
    /// edits touch and copying the rest of <paramref name="previous"/>'s tree (<see cref="IncrementalReparser"/>).
    /// </summary>
    public Task<ParseOutcome> ReparseAsync(PythonModule previous, EditSet edits, string text, CancellationToken cancellationToken = default)
    {
        var key = ParseCache.Key.Of(previous.Path, text, previous.Encoding, comments: true);
        if (Cached(key) is { } cached)
        {
            return Task.FromResult(cached);
        }

        var betting = _worker.KnownVersion is null;
        if (InProcess && _reparseInProcess(previous, edits, text) is { } module)
        {
            Interlocked.Increment(ref _inProcessParses);
            Interlocked.Increment(ref _incrementalParses);
            module.ParsedInProcess = true;
            var parsed = new ParseOutcome(module, null);
            Remember(key, parsed, betting);
            return Task.FromResult(parsed);
        }

        return ParseUncachedAsync(key, cancellationToken);
    }

    /// <summary>Keeps at least <paramref name="parses"/> parses for re-use from now on (the worker's cache, shared by its parsers): a
    /// caller that parses the same files over and over, more of them than <see cref="PythonWorker.CachedParses"/>, says so.</summary>
    public void KeepAtLeast(int parses) => _cache.KeepAtLeast(parses);

    // A worker-only parser does not take a tree the in-process parser built from the shared cache.
    private ParseOutcome? Cached(ParseCache.Key key) =>
        _cache.Find(key) is { } cached && (_inProcess || cached.Module is null || !ParsedInProcess(cached.Module)) ? cached : null;

    // An in-process parse made while the version is not known yet is not cached (see Speculative).
    private void Remember(ParseCache.Key key, ParseOutcome parsed, bool betting)
    {
        if (betting)
        {
            Interlocked.Increment(ref _speculativeParses);
        }
        else
        {
            _cache.Add(key, parsed);
        }
    }

    private async Task<ParseOutcome> ParseUncachedAsync(ParseCache.Key key, CancellationToken cancellationToken)
    {
        var (path, text, sourceEncoding, comments) = (key.Path, key.Text, key.Encoding, key.Comments);
        var betting = _worker.KnownVersion is null;
        if (InProcess && _parseInProcess(path, text, sourceEncoding, comments) is { Module: { } module } parsed)
        {
            Interlocked.Increment(ref _inProcessParses);
            // Only the worker's CheckSyntaxAsync confirms the text of such a module.
            module.ParsedInProcess = true;
            Remember(key, parsed, betting);
            return parsed;
        }

        Interlocked.Increment(ref _workerParses);
        var outcome = await ParseWithWorkerAsync(path, text, sourceEncoding, comments, cancellationToken).ConfigureAwait(false);
        _cache.Add(key, outcome);
        return outcome;
    }

    private async Task<ParseOutcome> ParseWithWorkerAsync(string path, string text, SourceEncoding encoding, bool comments, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?> { ["text"] = text, ["path"] = path, ["comments"] = comments };
        var line = await _worker.SendForAnswerAsync("parse", request, TimeoutFor(text.Length), cancellationToken: cancellationToken).ConfigureAwait(false);
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

        return new ParseOutcome(new PythonModule(path, text, encoding, root, answer.Comments) { CommentsCollected = comments }, null);
    }

    /// <summary>Whether <paramref name="module"/>'s tree came from the in-process parser, so that its text is not yet
    /// confirmed by the user's Python (<see cref="CheckSyntaxAsync"/> confirms it).</summary>
    public static bool ParsedInProcess(PythonModule module) => module.ParsedInProcess;

    /// <summary>A parser of the same worker that always asks the worker: the path taken when a text the in-process parser
    /// accepted turns out not to parse with the user's Python.</summary>
    public ModuleParser WorkerOnly() => _inProcess ? new ModuleParser(_worker, inProcess: false) : this;

    // Parsing grows with the text: a generated module of several MB (or a batch of texts that long together)
    // legitimately takes far longer than the per-request limit meant to catch a hung worker.
    private TimeSpan TimeoutFor(long characters) => _worker.Options.RequestTimeout + TimeSpan.FromSeconds(SecondsPerMegabyte * characters / 1_000_000.0);

    /// <summary>Null when <paramref name="text"/> parses; otherwise where and why it does not.</summary>
    public async Task<SyntaxDiagnostic?> CheckSyntaxAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        var result = await _worker.SendAsync("check_syntax", new Dictionary<string, object?> { ["text"] = text, ["path"] = path }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.GetProperty("valid").GetBoolean() ? null : ReadDiagnostic(result.GetProperty("syntax_error"));
    }

    /// <summary>
    /// <see cref="CheckSyntaxAsync"/> for many texts, answered in order (null where a text parses): a few
    /// <c>check_syntax_batch</c> requests instead of one request per text, sent together so that they spread over the
    /// worker's parse processes.
    /// </summary>
    public async Task<IReadOnlyList<SyntaxDiagnostic?>> CheckSyntaxManyAsync(IReadOnlyList<(string Path, string Text)> files, CancellationToken cancellationToken = default)
    {
        var batches = new List<(int Start, int Count, long Length)>();
        for (var start = 0; start < files.Count;)
        {
            var count = 0;
            var length = 0L;
            while (start + count < files.Count && (count == 0 || (count < MaxBatchFiles && length + files[start + count].Text.Length <= MaxBatchCharacters)))
            {
                length += files[start + count].Text.Length;
                count++;
            }

            batches.Add((start, count, length));
            start += count;
        }

        var answers = await Task.WhenAll(batches.Select(batch => _worker.SendAsync(
            "check_syntax_batch",
            new Dictionary<string, object?>
            {
                ["files"] = files.Skip(batch.Start).Take(batch.Count).Select(f => new Dictionary<string, object?> { ["path"] = f.Path, ["text"] = f.Text }).ToList(),
            },
            timeout: TimeoutFor(batch.Length),
            cancellationToken: cancellationToken))).ConfigureAwait(false);

        var diagnostics = new List<SyntaxDiagnostic?>(files.Count);
        foreach (var answer in answers)
        {
            foreach (var result in answer.GetProperty("results").EnumerateArray())
            {
                diagnostics.Add(result.GetProperty("valid").GetBoolean() ? null : ReadDiagnostic(result.GetProperty("syntax_error")));
            }
        }

        if (diagnostics.Count != files.Count)
        {
            throw new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker answered 'check_syntax_batch' for {diagnostics.Count} of {files.Count} texts");
        }

        return diagnostics;
    }

    private static SyntaxDiagnostic ReadDiagnostic(JsonElement error) => new(
        error.GetProperty("line").GetInt32(),
        error.GetProperty("column").GetInt32(),
        error.TryGetProperty("offset", out var offset) ? offset.GetInt32() : 0,
        error.GetProperty("message").GetString()!,
        error.TryGetProperty("text", out var text) ? text.GetString() : null);
}
