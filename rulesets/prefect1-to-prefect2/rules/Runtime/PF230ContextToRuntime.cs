using Assistant.Rulesets.Prefect.Runtime;

namespace Assistant.Rulesets.Prefect2.Runtime;

/// <summary>PF230: see <see cref="ContextToRuntimeRule"/> (Prefect 2 target).</summary>
public sealed class PF230ContextToRuntime() : ContextToRuntimeRule("PF230");
