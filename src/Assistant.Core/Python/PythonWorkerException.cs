namespace Assistant.Core.Python;

/// <summary>The Python worker could not answer; <see cref="Failure"/> says why, the message says what to do.</summary>
public sealed class PythonWorkerException(PythonWorkerFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PythonWorkerFailure Failure { get; } = failure;
}
