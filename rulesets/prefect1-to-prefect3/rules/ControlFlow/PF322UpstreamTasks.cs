using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect3.ControlFlow;

/// <summary>PF322: see <see cref="UpstreamTasksRule"/> (Prefect 3 target).</summary>
public sealed class PF322UpstreamTasks() : UpstreamTasksRule("PF322");
