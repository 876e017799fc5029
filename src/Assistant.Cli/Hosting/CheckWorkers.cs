using Assistant.Core.Python;

namespace Assistant.Cli.Hosting;

/// <summary>
/// The Python workers a batch check runs on (<c>convert --check</c>'s modules, <c>check</c>'s flows): the run's own worker and, on a
/// machine with more cores, more started the same way (the same interpreter, as located), one per core up to <see cref="Max"/>
/// and no more than there are checks. Each forks a child per module it loads, so the checks run side by side
/// (<see cref="Core.Python.Checks.CheckQueue"/>). Disposing stops the workers this started, not the run's.
/// </summary>
internal sealed class CheckWorkers : IDisposable
{
    /// <summary>At most this many workers: each check child holds a loaded module and its stand-ins in memory.</summary>
    public const int Max = 4;

    private readonly List<PythonWorker> _started;

    private CheckWorkers(PythonWorker first, List<PythonWorker> started)
    {
        _started = started;
        All = [first, .. started];
    }

    /// <summary>The workers, the run's first.</summary>
    public IReadOnlyList<PythonWorker> All { get; }

    /// <summary>The workers besides the run's (those this started).</summary>
    public IReadOnlyList<PythonWorker> More => _started;

    /// <summary>Workers for <paramref name="checks"/> checks on <paramref name="cores"/> cores, <paramref name="first"/> among them.</summary>
    public static CheckWorkers For(PythonWorker first, int checks, int cores)
    {
        var count = Math.Clamp(Math.Min(cores, checks), 1, Max);
        return new CheckWorkers(first, Enumerable.Range(1, count - 1).Select(_ => new PythonWorker(first.Options with { ParseProcesses = 1 })).ToList());
    }

    public void Dispose()
    {
        foreach (var worker in _started)
        {
            worker.Dispose();
        }
    }
}
