using Assistant.Core.Python;

namespace Assistant.Core.Tests.Support;

/// <summary>One warm worker shared by a test class (xunit class fixture).</summary>
public sealed class SharedWorker : IDisposable
{
    public SharedWorker()
    {
        Worker = Workers.Start();
        Parser = new ModuleParser(Worker);
    }

    public PythonWorker Worker { get; }

    public ModuleParser Parser { get; }

    public void Dispose() => Worker.Dispose();
}
