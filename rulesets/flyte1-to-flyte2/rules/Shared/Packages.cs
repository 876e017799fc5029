using System.Text.RegularExpressions;
using Assistant.Core.Rules;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>pip requirement names: flytekit → flyte, flytekitplugins-X → flyteplugins-Y (plugins table).</summary>
internal static partial class Packages
{
    public const string FlyteRequirement = "flyte>=2,<3";

    /// <summary>The distribution name of a requirement string (<c>flytekit==1.10.*</c> → <c>flytekit</c>).</summary>
    public static string Name(string requirement) => NamePattern().Match(requirement.Trim()).Value;

    /// <summary>The Flyte 2 package for a Flyte 1 one: "" when it has no equivalent, null when it is not a Flyte package.</summary>
    public static string? Replacement(string name, RulesetTables tables)
    {
        var normalized = name.ToLowerInvariant().Replace('_', '-');
        if (normalized == "flytekit")
        {
            return "flyte";
        }

        if (!normalized.StartsWith("flytekitplugins-", StringComparison.Ordinal))
        {
            return null;
        }

        return tables["plugins"].Rows.FirstOrDefault(r => r.Get("package") == normalized)?.Get("new_package") ?? string.Empty;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*")]
    private static partial Regex NamePattern();
}
