using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect3.Deployment;

/// <summary>PF341: see <see cref="DeploymentFileRule"/> (Prefect 3 target).</summary>
public sealed class PF341DeploymentFile() : DeploymentFileRule("PF341");
