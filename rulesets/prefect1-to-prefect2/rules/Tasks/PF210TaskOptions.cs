using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect2.Tasks;

/// <summary>PF210: see <see cref="TaskOptionsRule"/> (Prefect 2 target).</summary>
public sealed class PF210TaskOptions() : TaskOptionsRule("PF210");
