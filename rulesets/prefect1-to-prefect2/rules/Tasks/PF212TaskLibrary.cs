using Assistant.Rulesets.Prefect.Tasks;

namespace Assistant.Rulesets.Prefect2.Tasks;

/// <summary>PF212: see <see cref="TaskLibraryRule"/> (Prefect 2 target).</summary>
public sealed class PF212TaskLibrary() : TaskLibraryRule("PF212");
