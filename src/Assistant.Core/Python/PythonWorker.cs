using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// The session's long-lived Python process. Started lazily on the first request, restarted when
/// it dies, hangs past a request's time limit or breaks the protocol. Requests may be issued
/// concurrently: they are pipelined over the one process and answered in order. With
/// <see cref="PythonWorkerOptions.ParseProcesses"/> above one, stateless requests (<c>parse</c>,
/// <c>check_syntax</c>, <c>check_syntax_batch</c>) are spread over that many processes, each written at once to the process with
/// the least work in flight, a process busy with a stateful request last; every other request (the import check and its
/// stand-ins keep state) goes to the first. Requests are written as they come rather than handed out as processes free up: the
/// process then never waits for this one (whose threads a conversion keeps busy) to send its next request.
/// </summary>
public sealed class PythonWorker : IAsyncDisposable, IDisposable
{
    private static readonly HashSet<string> StatelessOperations = new(StringComparer.Ordinal) { "parse", "check_syntax", "check_syntax_batch" };

    private readonly WorkerSlot[] _slots;
    private readonly Lock _choosing = new();

    public PythonWorker(PythonWorkerOptions options)
    {
        Options = options;
        _slots = new WorkerSlot[Math.Max(1, options.ParseProcesses)];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new WorkerSlot();
        }
    }

    public PythonWorkerOptions Options { get; }

    /// <summary>Parses kept for re-use: a conversion re-parses one module at a time, a few times over.</summary>
    internal const int CachedParses = 64;

    /// <summary>The session's recent parses, shared by every <see cref="ModuleParser"/> of this worker (a session hands out a new parser per use).</summary>
    internal ParseCache Parses { get; } = new(CachedParses);

    /// <summary>The handshake of the current (or last) process; null before the first start.</summary>
    public PythonVersionInfo? Version { get; private set; }

    /// <summary>The handshake, else the version <see cref="IdentifyAsync"/> found in <see cref="PythonWorkerOptions.VersionCache"/>; null before either.</summary>
    public PythonVersionInfo? KnownVersion => Version ?? _remembered;

    private PythonVersionInfo? _remembered;

    /// <summary>How many times a dead or hung process was replaced.</summary>
    public int Restarts => _slots.Sum(slot => slot.Restarts);

    /// <summary>The current (first) process id, for diagnostics and fault tests.</summary>
    public int? ProcessId => _slots[0].Alive?.ProcessId;

    /// <summary>The ids of the processes running now, first process first.</summary>
    public IReadOnlyList<int> ProcessIds => _slots.Select(slot => slot.Alive?.ProcessId).OfType<int>().ToList();

    public async Task<PythonVersionInfo> StartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureProcessAsync(cancellationToken).ConfigureAwait(false);
        // Another caller may be starting the process: its handshake is what tells the version.
        await _slots[0].Handshake.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Version!;
    }

    /// <summary>
    /// <see cref="StartAsync"/> for every process of <see cref="PythonWorkerOptions.ParseProcesses"/> at once: for a caller that
    /// knows it will keep them all busy later (a conversion confirms its texts on all of them at its end), so that none starts then.
    /// </summary>
    public async Task<PythonVersionInfo> StartAllAsync(CancellationToken cancellationToken = default)
    {
        // The first process first: the others then start the executable it reported (see SyntaxOnlyOptions).
        var version = await StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_slots.Skip(1).Select(slot => slot.EnsureAsync(OptionsFor(slot), HandshakeAsync, cancellationToken))).ConfigureAwait(false);
        return version;
    }

    /// <summary>
    /// The interpreter's version: the handshake's when a process has answered, else the one this interpreter answered
    /// in an earlier run (<see cref="PythonWorkerOptions.VersionCache"/>) without starting Python, else starts the worker
    /// (which also proves that the interpreter is a Python flowmigrate can use).
    /// </summary>
    public async Task<PythonVersionInfo> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        if (KnownVersion is { } known)
        {
            return known;
        }

        if (Options.VersionCache?.Find(Options.Interpreter.Path) is { } remembered && remembered.Version >= PythonVersionInfo.Minimum)
        {
            return _remembered = remembered;
        }

        return await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one request and returns its <c>result</c>. An idempotent request (<paramref name="retry"/>)
    /// that finds the worker crashed or garbled is retried once on a fresh process; a time-out is not retried.
    /// </summary>
    public async Task<JsonElement> SendAsync(string operation, IReadOnlyDictionary<string, object?>? arguments = null,
        TimeSpan? timeout = null, bool retry = true, CancellationToken cancellationToken = default) =>
        Result(operation, await SendForAnswerAsync(operation, arguments, timeout, retry, cancellationToken).ConfigureAwait(false));

    /// <summary>As <see cref="SendAsync"/>, but the whole answer line (UTF-8 JSON), for callers that decode it themselves.</summary>
    internal async Task<ReadOnlyMemory<byte>> SendForAnswerAsync(string operation, IReadOnlyDictionary<string, object?>? arguments = null,
        TimeSpan? timeout = null, bool retry = true, CancellationToken cancellationToken = default)
    {
        arguments ??= new Dictionary<string, object?>();
        var stateless = StatelessOperations.Contains(operation);
        for (var attempt = 1; ; attempt++)
        {
            var slot = ChooseSlot(stateless);
            try
            {
                var process = await slot.EnsureAsync(OptionsFor(slot), HandshakeAsync, cancellationToken).ConfigureAwait(false);
                return await process.SendAsync(operation, arguments, timeout ?? Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (PythonWorkerException exception) when (retry && attempt == 1
                && exception.Failure is PythonWorkerFailure.Crashed or PythonWorkerFailure.ProtocolError)
            {
                // Retry once on a new process.
            }
            finally
            {
                slot.Answered(stateful: !stateless);
            }
        }
    }

    /// <summary>The <c>result</c> of an answer line; a failure answer throws <see cref="PythonWorkerException"/>.</summary>
    internal static JsonElement Result(string operation, ReadOnlyMemory<byte> line)
    {
        JsonElement message;
        try
        {
            message = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = SyntaxTreeReader.MaxDepth }).RootElement;
        }
        catch (JsonException exception)
        {
            throw new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker's answer to '{operation}' is not a protocol message: {exception.Message}", exception);
        }

        return message.ValueKind == JsonValueKind.Object ? Unwrap(operation, message)
            : throw new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker's answer to '{operation}' is not a protocol message");
    }

    private static JsonElement Unwrap(string operation, JsonElement message)
    {
        if (message.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            return message.GetProperty("result");
        }

        var error = message.TryGetProperty("error", out var e) ? e : default;
        var type = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("type", out var t) ? t.GetString() : "Error";
        var text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : "no message";
        throw new PythonWorkerException(PythonWorkerFailure.RequestFailed, $"the Python worker failed '{operation}': {type}: {text}");
    }

    private Task<WorkerProcess> EnsureProcessAsync(CancellationToken cancellationToken) => _slots[0].EnsureAsync(Options, HandshakeAsync, cancellationToken);

    // The slot for one more request, counted as sent (see WorkerSlot.Sending) before another request chooses.
    private WorkerSlot ChooseSlot(bool stateless)
    {
        if (_slots.Length == 1 || !stateless)
        {
            _slots[0].Sending(stateful: !stateless);
            return _slots[0];
        }

        lock (_choosing)
        {
            var chosen = _slots[0];
            var least = chosen.Load;
            for (var i = 1; i < _slots.Length && least != (0, 0, 0); i++)
            {
                var load = _slots[i].Load;
                if (load.CompareTo(least) < 0)
                {
                    (chosen, least) = (_slots[i], load);
                }
            }

            chosen.Sending(stateful: false);
            return chosen;
        }
    }

    private async Task HandshakeAsync(WorkerProcess process, CancellationToken cancellationToken)
    {
        Version = await VersionAsync(process, cancellationToken).ConfigureAwait(false);
        Options.VersionCache?.Remember(Options.Interpreter.Path, Version);
        _syntaxOnlyOptions ??= SyntaxOnlyOptions(Version);
    }

    // How the processes after the first start: they serve only syntax requests (parse, check_syntax), which need the interpreter
    // the first process runs, not the way it was reached. A launcher in front of it, such as a pyenv shim (a shell script that runs
    // some forty processes to choose the interpreter: about 0.1 s of CPU per start), is then gone through once, and the other
    // processes start the executable the handshake reported. The first process (import checks and their state) always starts the
    // interpreter as located.
    private PythonWorkerOptions? _syntaxOnlyOptions;

    private PythonWorkerOptions OptionsFor(WorkerSlot slot) => slot == _slots[0] ? Options : _syntaxOnlyOptions ?? Options;

    private PythonWorkerOptions SyntaxOnlyOptions(PythonVersionInfo version) =>
        version.Executable is { Length: > 0 } executable && Path.IsPathFullyQualified(executable)
            && !string.Equals(executable, Options.Interpreter.Path, StringComparison.Ordinal) && File.Exists(executable)
            ? Options with { Interpreter = Options.Interpreter with { Path = executable } }
            : Options;

    private async Task<PythonVersionInfo> VersionAsync(WorkerProcess process, CancellationToken cancellationToken)
    {
        PythonVersionInfo info;
        try
        {
            var result = Result("version", await process.SendAsync("version", new Dictionary<string, object?>(), Options.StartTimeout, cancellationToken).ConfigureAwait(false));
            info = new PythonVersionInfo(
                System.Version.Parse(result.GetProperty("version").GetString()!),
                result.GetProperty("implementation").GetString()!,
                result.GetProperty("executable").GetString()!);
        }
        catch (Exception exception) when (exception is PythonWorkerException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            var detail = process.StderrTail().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new PythonWorkerException(PythonWorkerFailure.NotPython,
                $"{Options.Interpreter.Path} (chosen by {Options.Interpreter.ChosenBecause}) did not start as Python {PythonVersionInfo.Minimum}+" +
                (detail is null ? string.Empty : $": {detail}"), exception);
        }

        var version = info.Version;
        if (version < PythonVersionInfo.Minimum)
        {
            throw new PythonWorkerException(PythonWorkerFailure.TooOld,
                $"{Options.Interpreter.Path} is Python {version}; flowmigrate needs Python {PythonVersionInfo.Minimum} or newer (pass --python PATH)");
        }

        return info;
    }

    public void Dispose()
    {
        // Every process is told to exit before waiting for any: they end side by side.
        foreach (var slot in _slots)
        {
            slot.CloseInput();
        }

        foreach (var slot in _slots)
        {
            slot.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
