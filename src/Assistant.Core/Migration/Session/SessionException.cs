namespace Assistant.Core.Migration.Session;

/// <summary>The session refused to start or to continue; the message says why and what to do. Nothing was changed.</summary>
public sealed class SessionException(SessionRefusal refusal, string message) : Exception(message)
{
    public SessionRefusal Refusal { get; } = refusal;
}
