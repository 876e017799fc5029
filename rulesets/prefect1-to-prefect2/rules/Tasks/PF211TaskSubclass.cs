using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect2.Tasks;

/// <summary>PF211: see <see cref="TaskSubclassRule"/> (Prefect 2 target).</summary>
public sealed class PF211TaskSubclass() : TaskSubclassRule("PF211");
