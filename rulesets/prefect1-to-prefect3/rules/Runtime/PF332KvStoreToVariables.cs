using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect3.Runtime;

/// <summary>PF332: see <see cref="KvStoreToVariablesRule"/> (Prefect 3 target).</summary>
public sealed class PF332KvStoreToVariables() : KvStoreToVariablesRule("PF332");
