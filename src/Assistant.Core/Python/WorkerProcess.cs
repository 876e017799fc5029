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
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ReadOnlyMemory<byte>>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StringBuilder _stderrTail = new();
    private static readonly ReadOnlyMemory<byte> NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);
    private Utf8JsonWriter? _requests;
    private long _nextId;
    private long _pendingBytes;
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

    /// <summary>The size of the requests written and not yet answered, a measure of the work queued in the process.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

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

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
                return new WorkerProcess(process);
            }
            catch (System.ComponentModel.Win32Exception exception) when (exception.NativeErrorCode == TextFileBusy && attempt < StartAttempts)
            {
                // A script just written (a launcher, a venv's shim) is "busy" while a process another thread is forking at that
                // moment still holds it open for writing; that lasts until the fork's exec, so a moment later it starts.
                Thread.Sleep(TimeSpan.FromMilliseconds(20 * attempt));
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                throw new PythonWorkerException(PythonWorkerFailure.NotPython, $"{options.Interpreter.Path} cannot be executed: {exception.Message}", exception);
            }
        }
    }

    // ETXTBSY on Linux and macOS.
    private const int TextFileBusy = 26;

    private const int StartAttempts = 5;

    /// <summary>Sends one request and returns its answer line (UTF-8 JSON, already checked to be well-formed).</summary>
    public async Task<ReadOnlyMemory<byte>> SendAsync(string operation, IReadOnlyDictionary<string, object?> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        if (_failure is not null)
        {
            // Failed between the check above and the registration: nobody else will complete this answer.
            _pending.TryRemove(id, out _);
            ThrowIfFailed();
        }

        var size = RequestLine.Size(arguments);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Task.CompletedTask;
        // Counted from here, not once written: a large request waits for the pipe while the process works on the one
        // ahead of it, and is already work queued for this process (PythonWorker sends the next request to the least loaded).
        Interlocked.Add(ref _pendingBytes, size);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                previous = _lastAnswered;
                _lastAnswered = answered.Task;
                await WriteRequestAsync(arguments, id, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The pipe is gone: the process died, or another request replaced this process while we waited.
                Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"the Python worker exited{StderrSuffix()}", exception));
            }
            catch (Exception exception)
            {
                // A value the serializer cannot write, or a cancellation, with part of the line in the pipe: the process cannot read a next request.
                Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"a request to the Python worker could not be written: {exception.Message}", exception));
                throw;
            }
            finally
            {
                _writeLock.Release();
            }

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
            Interlocked.Add(ref _pendingBytes, -size);
            _pending.TryRemove(id, out _);
            answered.TrySetResult();
        }
    }

    // Under the write lock. The line goes straight into the pipe (see RequestLine), through one writer kept for the process;
    // it is reset first, in case a request before stopped half-way.
    private async Task WriteRequestAsync(IReadOnlyDictionary<string, object?> arguments, long id, string operation, CancellationToken cancellationToken)
    {
        var stream = _process.StandardInput.BaseStream;
        if (_requests is null)
        {
            _requests = new Utf8JsonWriter(stream);
        }
        else
        {
            _requests.Reset();
        }

        await RequestLine.WriteAsync(_requests, arguments, id, operation, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            // Answers are read as bytes and handed over as they are: a parse answer is decoded straight from them,
            // without a string or a JSON document in between.
            var stream = _process.StandardOutput.BaseStream;
            var buffer = new byte[1 << 16];
            var filled = 0;
            var scanned = 0;
            while (true)
            {
                var newline = buffer.AsSpan(scanned, filled - scanned).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    scanned = filled;
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled)).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    continue;
                }

                var end = scanned + newline;
                var line = buffer.AsSpan(0, end).TrimEnd((byte)'\r').ToArray();
                buffer.AsSpan(end + 1, filled - end - 1).CopyTo(buffer);
                filled -= end + 1;
                scanned = 0;
                if (line.Length > 0 && !Deliver(line))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe closed under us: handled as an exit below.
        }

        Fail(new PythonWorkerException(PythonWorkerFailure.Crashed, $"the Python worker exited{ExitSuffix()}{StderrSuffix()}"));
    }

    /// <summary>Completes the request an answer line names; false (and the process failed) for a line that is not a protocol message.</summary>
    private bool Deliver(byte[] line)
    {
        long? id;
        try
        {
            id = AnswerId(line);
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(line.AsSpan(0, Math.Min(line.Length, 320)));
            var preview = text.Length > 80 ? text[..80] + "…" : text;
            Fail(new PythonWorkerException(PythonWorkerFailure.ProtocolError, $"the Python worker wrote something that is not a protocol message: {preview}"));
            return false;
        }

        if (id is { } known && _pending.TryRemove(known, out var answer))
        {
            answer.TrySetResult(line);
        }

        return true;
    }

    /// <summary>
    /// The top-level <c>id</c> of an answer line. The worker writes it first (<c>{"id":N,</c>), which is read without
    /// going over the rest: the line is decoded in full by the request's caller, which reports a malformed answer.
    /// Any other line is read in full here, so one that is not JSON at all fails the process.
    /// </summary>
    internal static long? AnswerId(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> prefix = "{\"id\":"u8;
        if (line.StartsWith(prefix))
        {
            var digits = line[prefix.Length..];
            var length = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (length is > 0 and <= 18 && digits[length] is (byte)',' or (byte)'}')
            {
                long value = 0;
                foreach (var digit in digits[..length])
                {
                    value = (value * 10) + (digit - '0');
                }

                return value;
            }
        }

        var reader = new Utf8JsonReader(line, SyntaxTreeReader.ReaderOptions);
        long? id = null;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
            {
                id = value;
            }
        }

        return id;
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

    /// <summary>Ends the process's input, which it answers by exiting, without waiting for it (<see cref="Dispose"/> waits):
    /// a worker ends all its processes at once.</summary>
    public void CloseInput()
    {
        // Requests still in flight on this process (other callers' pipelined requests) fail as a crash, which
        // their callers retry on the replacement process. The write lock is deliberately not disposed: a
        // concurrent sender may still be inside it, and SemaphoreSlim holds no unmanaged handle unless asked.
        FailPending(new PythonWorkerException(PythonWorkerFailure.Crashed, "the Python worker was replaced"));
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            Kill();
        }
    }

    public void Dispose()
    {
        CloseInput();
        try
        {
            if (!_process.WaitForExit(1000))
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
            Kill();
        }

        _process.Dispose();
    }
}
