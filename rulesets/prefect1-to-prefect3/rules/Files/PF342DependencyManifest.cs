using Assistant.Rulesets.Prefect.Files;

namespace Assistant.Rulesets.Prefect3.Files;

/// <summary>PF342: see <see cref="DependencyManifestRule"/> (Prefect 3 target).</summary>
public sealed class PF342DependencyManifest() : DependencyManifestRule("PF342");
