using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// One running worker process: writes request lines, matches answer lines to pending requests
/// by id, and fails every pending request the moment the process exits or misbehaves.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StringBuilder _stderrTail = new();
    private long _nextId;
    private Task _lastAnswered = Task.CompletedTask;
    private volatile PythonWorkerException? _failure;

    private WorkerProcess(Process process)
    {
        _process = process;
        _ = Task.Run(ReadAnswersAsync);
        _ = Task.Run(ReadErrorsAsync);
    }

    public int ProcessId => _process.Id;

    public bool IsAlive => _failure is null && !_process.HasExited;

    public static WorkerProcess Start(PythonWorkerOptions options)
    {
        var start = new ProcessStartInfo(options.Interpreter.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add("-B");
        start.ArgumentList.Add(options.ScriptPath);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
            return new WorkerProcess(process);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new PythonWorkerException(PythonWorkerFailure.NotPython, $"{options.Interpreter.Path} cannot be executed: {exception.Message}", exception);
        }
    }

    public async Task<JsonElement> SendAsync(string operation, IReadOnlyDictionary<string, object?> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        if (_failure is not null)
        {
            // Failed between the check above and the registration: nobody else will complete this answer.
            _pending.TryRemove(id, out _);
            ThrowIfFailed();
        }

        var request = new Dictionary<string, object?>(arguments) { ["id"] = id, ["op"] = operation };
        var line = JsonSerializer.Serialize(request);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Task.CompletedTask;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            previous = _lastAnswered;
            _lastAnswered = answered.Task;
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe is gone: the process died, or another request replaced this process while we waited.
            Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"the Python worker exited{StderrSuffix()}", exception));
        }
        finally
        {
            _writeLock.Release();
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // The worker answers in order: a request's clock starts once the requests ahead of it are answered,
            // so a slow file does not make the small ones queued behind it time out.
            await Task.WhenAny(previous, answer.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            timer.CancelAfter(timeout);
            return await answer.Task.WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Only this request is to blame; the others in flight fail as a crash, so idempotent ones are retried.
            Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"the Python worker was stopped: it did not answer '{operation}' in time"));
            throw new PythonWorkerException(PythonWorkerFailure.TimedOut, $"the Python worker did not answer '{operation}' within {timeout.TotalSeconds:0.#} s and was stopped");
        }
        finally
        {
            _pending.TryRemove(id, out _);
            answered.TrySetResult();
        }
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                JsonElement message;
                try
                {
                    message = JsonDocument.Parse(line).RootElement;
                }
                catch (JsonException)
                {
                    var preview = line.Length > 80 ? line[..80] + "…" : line;
                    Fail(new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker wrote something that is not a protocol message: {preview}"));
                    return;
                }

                if (message.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
                    && _pending.TryRemove(idElement.GetInt64(), out var answer))
                {
                    answer.TrySetResult(message);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe closed under us: handled as an exit below.
        }

        Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"the Python worker exited{ExitSuffix()}{StderrSuffix()}"));
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            var buffer = new char[4096];
            int read;
            while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_stderrTail)
                {
                    _stderrTail.Append(buffer, 0, read);
                    if (_stderrTail.Length > 16_384)
                    {
                        _stderrTail.Remove(0, _stderrTail.Length - 16_384);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Nothing more to collect.
        }
    }

    public string StderrTail()
    {
        lock (_stderrTail)
        {
            return _stderrTail.ToString();
        }
    }

    private string StderrSuffix()
    {
        var lastLine = StderrTail().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return lastLine is null ? string.Empty : $": {lastLine}";
    }

    private string ExitSuffix()
    {
        try
        {
            return _process.WaitForExit(2000) ? $" with code {_process.ExitCode}" : string.Empty;
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new PythonWorkerException(failure.Failure, failure.Message, failure);
        }
    }

    private void Fail(PythonWorkerException failure)
    {
        FailPending(failure);
        Kill();
    }

    private void FailPending(PythonWorkerException failure)
    {
        _failure ??= failure;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var answer))
            {
                answer.TrySetException(_failure);
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        // Requests still in flight on this process (other callers' pipelined requests) fail as a crash, which
        // their callers retry on the replacement process. The write lock is deliberately not disposed: a
        // concurrent sender may still be inside it, and SemaphoreSlim holds no unmanaged handle unless asked.
        FailPending(new PythonWorkerException(PythonWorkerFailure.Crashed, "the Python worker was replaced"));
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(1000))
            {
                Kill();
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            Kill();
        }

        _process.Dispose();
    }
}
