namespace Assistant.Core.Python;

/// <summary>
/// One place for a worker process in <see cref="PythonWorker"/>: holds the current process, starts it on first use
/// and replaces it when it has died, one starter at a time.
/// </summary>
internal sealed class WorkerSlot : IDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private WorkerProcess? _process;
    private Task _handshake = Task.CompletedTask;

    /// <summary>The live process, if any.</summary>
    public WorkerProcess? Alive => _process is { IsAlive: true } alive ? alive : null;

    /// <summary>How many times a dead or hung process of this slot was replaced.</summary>
    public int Restarts { get; private set; }

    private int _inFlight;
    private int _statefulInFlight;

    /// <summary>
    /// What choosing this slot for one more stateless request costs, lowest first: the stateful requests sent through it and not
    /// yet answered (an import check may hold the process for seconds whatever its size), then all its requests in flight, then
    /// the bytes its live process has still to answer. A slot without a live process costs a start, which pays as soon as the
    /// live ones have anything in flight.
    /// </summary>
    public (int Stateful, int Requests, long Bytes) Load =>
        Alive is { } alive ? (Volatile.Read(ref _statefulInFlight), Volatile.Read(ref _inFlight), alive.PendingBytes) : (0, 0, 1);

    /// <summary>Counts a request sent through this slot until <see cref="Answered"/>.</summary>
    public void Sending(bool stateful)
    {
        Interlocked.Increment(ref _inFlight);
        if (stateful)
        {
            Interlocked.Increment(ref _statefulInFlight);
        }
    }

    /// <summary>A request counted by <see cref="Sending"/> is answered (or failed).</summary>
    public void Answered(bool stateful)
    {
        Interlocked.Decrement(ref _inFlight);
        if (stateful)
        {
            Interlocked.Decrement(ref _statefulInFlight);
        }
    }

    /// <summary>
    /// The handshake of the current process. <see cref="EnsureAsync"/> may hand out a process whose handshake is still under way
    /// (its requests queue behind the handshake's); a caller that needs what the handshake learned awaits this.
    /// </summary>
    public Task Handshake => _handshake;

    /// <summary>The live process, started (and checked by <paramref name="handshake"/>) when there is none.</summary>
    public async Task<WorkerProcess> EnsureAsync(PythonWorkerOptions options, Func<WorkerProcess, CancellationToken, Task> handshake, CancellationToken cancellationToken)
    {
        if (Alive is { } alive)
        {
            return alive;
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Alive is { } started)
            {
                return started;
            }

            if (_process is not null)
            {
                _process.Dispose();
                Restarts++;
            }

            _process = WorkerProcess.Start(options);
            _handshake = handshake(_process, cancellationToken);
            await _handshake.ConfigureAwait(false);
            return _process;
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Asks the live process, if any, to exit (see <see cref="WorkerProcess.CloseInput"/>); <see cref="Dispose"/> waits for it.</summary>
    public void CloseInput() => _process?.CloseInput();

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        _startLock.Dispose();
    }
}
