namespace Assistant.Core.Python.Checks;

/// <summary>One side of a behaviour comparison: a module (relative to its root) and the manifests its framework needs.</summary>
public sealed record BehaviourSide(string Root, string ModulePath, IReadOnlyList<ApiManifest> Manifests);
