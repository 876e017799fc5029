using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect2.ControlFlow;

/// <summary>PF222: see <see cref="UpstreamTasksRule"/> (Prefect 2 target).</summary>
public sealed class PF222UpstreamTasks() : UpstreamTasksRule("PF222");
