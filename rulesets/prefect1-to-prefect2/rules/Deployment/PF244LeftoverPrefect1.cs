using Assistant.Rulesets.Prefect.Deployment;

namespace Assistant.Rulesets.Prefect2.Deployment;

/// <summary>PF244: see <see cref="LeftoverPrefect1Rule"/> (Prefect 2 target).</summary>
public sealed class PF244LeftoverPrefect1() : LeftoverPrefect1Rule("PF244");
