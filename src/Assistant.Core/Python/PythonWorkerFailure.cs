namespace Assistant.Core.Python;

public enum PythonWorkerFailure
{
    /// <summary>No interpreter at the chosen path.</summary>
    InterpreterNotFound,

    /// <summary>The file ran but did not answer the handshake like a Python interpreter.</summary>
    NotPython,

    /// <summary>A Python older than 3.9.</summary>
    TooOld,

    /// <summary>The worker process exited while a request was in flight.</summary>
    Crashed,

    /// <summary>A request took longer than its time limit; the worker was killed.</summary>
    TimedOut,

    /// <summary>The worker wrote something that is not a protocol message.</summary>
    ProtocolError,

    /// <summary>The worker answered the request with an error.</summary>
    RequestFailed,
}
