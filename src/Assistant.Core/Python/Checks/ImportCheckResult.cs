namespace Assistant.Core.Python.Checks;

/// <summary>The outcome of importing one set of converted modules in an isolated child of the worker.</summary>
public sealed record ImportCheckResult(
    ImportCheckOutcome Outcome,
    IReadOnlyList<ImportCheckError> Errors,
    IReadOnlyList<ImportWarning> Warnings,
    IReadOnlyList<PackageSource> Packages,
    string Stdout,
    string Stderr,
    TimeSpan Duration,
    IReadOnlyList<string> LoadedFiles)
{
    /// <summary>True when the answer came from the cache (nothing the module loaded has changed).</summary>
    public bool FromCache { get; init; }

    public bool Passed => Outcome == ImportCheckOutcome.Passed;
}
