namespace Assistant.Core.Python.Checks;

/// <summary>A non-fatal finding, e.g. <c>not_installed</c>: a third-party module that is neither the target framework nor installed.</summary>
public sealed record ImportWarning(string Kind, string Module, string? File, int? Line, string? SourceLine);
