namespace Assistant.Core.Python;

/// <summary>How to start and bound the worker.</summary>
public sealed record PythonWorkerOptions
{
    public required PythonInterpreter Interpreter { get; init; }

    /// <summary>Limit for one request; past it the worker is killed and the request fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for starting the interpreter and answering the version handshake.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra environment variables for the worker process (tests use FLOWMIGRATE_WORKER_DEBUG).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How many processes share the stateless requests (<c>parse</c>, <c>check_syntax</c>); one (the default) keeps
    /// everything on one process. A second starts when a request finds the first busy, or with the first
    /// (<see cref="PythonWorker.StartAllAsync"/>).
    /// </summary>
    public int ParseProcesses { get; init; } = 1;

    /// <summary>
    /// Where handshakes are remembered between runs, so that <see cref="PythonWorker.IdentifyAsync"/> can answer without
    /// starting Python; null (the default) remembers nothing.
    /// </summary>
    public PythonVersionCache? VersionCache { get; init; }

    /// <summary>The worker script; defaults to the copy shipped beside the assembly.</summary>
    public string ScriptPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "python", "flowmigrate_worker.py");
}
