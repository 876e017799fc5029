namespace Assistant.Core.Python.Checks;

/// <summary>Where a framework came from in a check: <c>standin</c> (generated from its manifest) or <c>installed</c>.</summary>
public sealed record PackageSource(string Name, string Family, string Source, string? Version, string? Note)
{
    public bool IsStandIn => Source == "standin";
}
