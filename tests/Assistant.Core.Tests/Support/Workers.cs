using Assistant.Core.Python;

namespace Assistant.Core.Tests.Support;

/// <summary>Real python3 workers for tests.</summary>
internal static class Workers
{
    public static PythonInterpreter Python3 { get; } = PythonInterpreterLocator.Locate(null, null, Environment.GetEnvironmentVariable);

    public static PythonWorker Start(TimeSpan? timeout = null, bool debug = false, int parseProcesses = 1) => new(new PythonWorkerOptions
    {
        ParseProcesses = parseProcesses,
        Interpreter = Python3,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
        Environment = debug ? new Dictionary<string, string> { ["FLOWMIGRATE_WORKER_DEBUG"] = "1" } : new Dictionary<string, string>(),
    });
}
