using Assistant.Rulesets.Prefect.Files;

namespace Assistant.Rulesets.Prefect2.Files;

/// <summary>PF242: see <see cref="DependencyManifestRule"/> (Prefect 2 target).</summary>
public sealed class PF242DependencyManifest() : DependencyManifestRule("PF242");
