using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect3.Tasks;

/// <summary>PF310: see <see cref="TaskOptionsRule"/> (Prefect 3 target).</summary>
public sealed class PF310TaskOptions() : TaskOptionsRule("PF310");
