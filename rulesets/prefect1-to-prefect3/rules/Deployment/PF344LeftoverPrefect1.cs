using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect3.Deployment;

/// <summary>PF344: see <see cref="LeftoverPrefect1Rule"/> (Prefect 3 target).</summary>
public sealed class PF344LeftoverPrefect1() : LeftoverPrefect1Rule("PF344");
