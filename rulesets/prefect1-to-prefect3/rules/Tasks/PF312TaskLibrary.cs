using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect3.Tasks;

/// <summary>PF312: see <see cref="TaskLibraryRule"/> (Prefect 3 target).</summary>
public sealed class PF312TaskLibrary() : TaskLibraryRule("PF312");
