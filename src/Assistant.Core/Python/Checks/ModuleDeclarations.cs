namespace Assistant.Core.Python.Checks;

/// <summary>What one module declares, read through the recording stand-ins; <see cref="Error"/> when it did not load.</summary>
public sealed record ModuleDeclarations(
    string ModulePath,
    ImportCheckOutcome Outcome,
    IReadOnlyList<DeclaredEntity> Entities,
    ImportCheckError? Error,
    IReadOnlyList<PackageSource> Packages)
{
    public bool Loaded => Error is null && Outcome == ImportCheckOutcome.Passed;

    /// <summary>Modules that are not installed, and (old side) names the manifest does not list, which were stubbed.</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];

    /// <summary>What each flow the module defines calls (the graph check); empty when none was recorded.</summary>
    public IReadOnlyList<FlowGraph> Graphs { get; init; } = [];

    /// <summary>Why the flows' calls could not be recorded, when they could not.</summary>
    public string? GraphError { get; init; }

    /// <summary>
    /// The error of a trailing top-level statement the module stopped at; its declarations are those made before it
    /// (only when the side <see cref="BehaviourSide.KeepsDeclarationsBeforeAFailure"/>).
    /// </summary>
    public ImportCheckError? StoppedAt { get; init; }
}
