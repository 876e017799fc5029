namespace Assistant.Core.Python.Checks;

/// <summary>
/// One side of a behaviour comparison: a module (relative to its root) and the manifests its framework needs.
/// <see cref="Files"/> (relative path → text) shadow files under the root, e.g. converted code not yet written.
/// </summary>
public sealed record BehaviourSide(string Root, string ModulePath, IReadOnlyList<ApiManifest> Manifests)
{
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>Prefect deployment files (relative to <see cref="Root"/>, or keys of <see cref="Files"/>) whose schedules belong to this module's flows.</summary>
    public IReadOnlyList<string> DeploymentFiles { get; init; } = [];

    /// <summary>
    /// Top-level packages of the old framework whose imports, left in converted code for a TODO, get placeholders
    /// (warning <c>leftover_framework</c>) so the rest of the module can be compared. Empty: such an import fails the load.
    /// </summary>
    public IReadOnlyList<string> StubbedLeftovers { get; init; } = [];

    /// <summary>
    /// When one of the module's last top-level statements raises and only asserts, expressions and a
    /// <c>__main__</c> block follow it (e.g. an old example asserting on a flow run's result, which stand-ins cannot
    /// produce), keep what the module declared before it (<see cref="ModuleDeclarations.StoppedAt"/>) instead of failing the load.
    /// </summary>
    public bool KeepsDeclarationsBeforeAFailure { get; init; }
}
