using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect3.Runtime;

/// <summary>PF330: see <see cref="ContextToRuntimeRule"/> (Prefect 3 target).</summary>
public sealed class PF330ContextToRuntime() : ContextToRuntimeRule("PF330");
