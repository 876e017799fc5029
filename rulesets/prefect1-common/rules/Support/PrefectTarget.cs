using Assistant.Core.Rules;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Target-dependent facts that more than one rule needs (reference/prefect.md §13, §19).</summary>
public static class PrefectTarget
{
    public static bool IsPrefect3(RuleOptions options) => !string.Equals(options.Target, "prefect2", StringComparison.Ordinal);

    /// <summary>The table column holding this target's value.</summary>
    public static string Column(RuleOptions options) => IsPrefect3(options) ? "prefect3" : "prefect2";

    /// <summary>The version pin written into dependency manifests.</summary>
    public static string PrefectRequirement(RuleOptions options) => IsPrefect3(options) ? "prefect>=3.5,<4" : "prefect>=2.17,<3";

    public static string TodoPrefix(RuleOptions options) => IsPrefect3(options) ? "PF3" : "PF2";
}
