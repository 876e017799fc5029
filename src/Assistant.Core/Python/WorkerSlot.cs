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

    /// <summary>
    /// What choosing this slot for one more request costs: the bytes of the requests its live process has in flight;
    /// a slot without a live process costs a start, which pays as soon as the live ones have anything in flight.
    /// </summary>
    public long Load => Alive?.PendingBytes ?? 1;

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

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        _startLock.Dispose();
    }
}
