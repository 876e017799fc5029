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

    /// <summary>The worker script; defaults to the copy shipped beside the assembly.</summary>
    public string ScriptPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "python", "flowmigrate_worker.py");
}
