using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect2.Deployment;

/// <summary>PF240: see <see cref="ExecutorToTaskRunnerRule"/> (Prefect 2 target).</summary>
public sealed class PF240ExecutorToTaskRunner() : ExecutorToTaskRunnerRule("PF240");
