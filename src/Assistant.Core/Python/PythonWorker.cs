using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// The session's long-lived Python process. Started lazily on the first request, restarted when
/// it dies, hangs past a request's time limit or breaks the protocol. Requests may be issued
/// concurrently: they are pipelined over the one process and answered in order.
/// </summary>
public sealed class PythonWorker(PythonWorkerOptions options) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private WorkerProcess? _process;

    public PythonWorkerOptions Options { get; } = options;

    /// <summary>The handshake of the current (or last) process; null before the first start.</summary>
    public PythonVersionInfo? Version { get; private set; }

    /// <summary>How many times a dead or hung process was replaced.</summary>
    public int Restarts { get; private set; }

    /// <summary>The current process id, for diagnostics and fault tests.</summary>
    public int? ProcessId => _process?.IsAlive == true ? _process.ProcessId : null;

    public async Task<PythonVersionInfo> StartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureProcessAsync(cancellationToken).ConfigureAwait(false);
        return Version!;
    }

    /// <summary>
    /// Sends one request and returns its <c>result</c>. An idempotent request (<paramref name="retry"/>)
    /// that finds the worker crashed or garbled is retried once on a fresh process; a time-out is not retried.
    /// </summary>
    public async Task<JsonElement> SendAsync(string operation, IReadOnlyDictionary<string, object?>? arguments = null,
        TimeSpan? timeout = null, bool retry = true, CancellationToken cancellationToken = default)
    {
        arguments ??= new Dictionary<string, object?>();
        for (var attempt = 1; ; attempt++)
        {
            var process = await EnsureProcessAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var message = await process.SendAsync(operation, arguments, timeout ?? Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                return Unwrap(operation, message);
            }
            catch (PythonWorkerException exception) when (retry && attempt == 1
                && exception.Failure is PythonWorkerFailure.Crashed or PythonWorkerFailure.ProtocolError)
            {
                // Retry once on a new process.
            }
        }
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

    private async Task<WorkerProcess> EnsureProcessAsync(CancellationToken cancellationToken)
    {
        if (_process is { IsAlive: true } alive)
        {
            return alive;
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_process is { IsAlive: true } started)
            {
                return started;
            }

            if (_process is not null)
            {
                _process.Dispose();
                Restarts++;
            }

            _process = WorkerProcess.Start(Options);
            Version = await HandshakeAsync(_process, cancellationToken).ConfigureAwait(false);
            return _process;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task<PythonVersionInfo> HandshakeAsync(WorkerProcess process, CancellationToken cancellationToken)
    {
        PythonVersionInfo info;
        try
        {
            var result = Unwrap("version", await process.SendAsync("version", new Dictionary<string, object?>(), Options.StartTimeout, cancellationToken).ConfigureAwait(false));
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
        _process?.Dispose();
        _process = null;
        _startLock.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
