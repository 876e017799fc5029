using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect2.Runtime;

/// <summary>PF232: see <see cref="KvStoreToVariablesRule"/> (Prefect 2 target).</summary>
public sealed class PF232KvStoreToVariables() : KvStoreToVariablesRule("PF232");
