using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect2.Runtime;

/// <summary>PF231: see <see cref="SecretsToBlocksRule"/> (Prefect 2 target).</summary>
public sealed class PF231SecretsToBlocks() : SecretsToBlocksRule("PF231");
