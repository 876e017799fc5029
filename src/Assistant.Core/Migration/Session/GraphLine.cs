namespace Assistant.Core.Migration.Session;

/// <summary>
/// One finding of the graph check (the old and new flow's calls compared): kind (<c>dropped-call</c>,
/// <c>changed-input</c>, <c>lost-parallelism</c>, …), severity <c>error</c> or <c>warning</c>, where in the new code when known.
/// </summary>
public sealed record GraphLine(string File, string Flow, string Kind, string Severity, string Message, int? Line);
