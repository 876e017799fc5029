using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect3.Runtime;

/// <summary>PF331: see <see cref="SecretsToBlocksRule"/> (Prefect 3 target).</summary>
public sealed class PF331SecretsToBlocks() : SecretsToBlocksRule("PF331");
