using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect3.Tasks;

/// <summary>PF311: see <see cref="TaskSubclassRule"/> (Prefect 3 target).</summary>
public sealed class PF311TaskSubclass() : TaskSubclassRule("PF311");
