using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect2.Deployment;

/// <summary>PF241: see <see cref="DeploymentFileRule"/> (Prefect 2 target).</summary>
public sealed class PF241DeploymentFile() : DeploymentFileRule("PF241");
