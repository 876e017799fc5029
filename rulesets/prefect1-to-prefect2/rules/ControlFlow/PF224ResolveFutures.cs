using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect2.ControlFlow;

/// <summary>PF224: see <see cref="ResolveFuturesRule"/> (Prefect 2 target).</summary>
public sealed class PF224ResolveFutures() : ResolveFuturesRule("PF224");
