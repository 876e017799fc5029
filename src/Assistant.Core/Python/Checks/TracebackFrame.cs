namespace Assistant.Core.Python.Checks;

/// <summary>One frame of a Python traceback; <see cref="File"/> is relative to the checked root when inside it.</summary>
public sealed record TracebackFrame(string File, int Line, string Function, string? SourceLine);
