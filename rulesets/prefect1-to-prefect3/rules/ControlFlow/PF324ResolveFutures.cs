using Assistant.Rulesets.Prefect.ControlFlow;

namespace Assistant.Rulesets.Prefect3.ControlFlow;

/// <summary>PF324: see <see cref="ResolveFuturesRule"/> (Prefect 3 target).</summary>
public sealed class PF324ResolveFutures() : ResolveFuturesRule("PF324");
