using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect3.Deployment;

/// <summary>PF340: see <see cref="ExecutorToTaskRunnerRule"/> (Prefect 3 target).</summary>
public sealed class PF340ExecutorToTaskRunner() : ExecutorToTaskRunnerRule("PF340");
