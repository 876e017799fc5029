namespace Assistant.Core.Rules;

/// <summary>Default options for a ruleset: its target comes from its id (<c>prefect1-to-prefect3</c> → <c>prefect3</c>).</summary>
public static class RulesetOptions
{
    public static RuleOptions For(Ruleset ruleset, RuleOptions? options = null)
    {
        var separator = ruleset.Id.IndexOf("-to-", StringComparison.Ordinal);
        var target = separator >= 0 ? ruleset.Id[(separator + 4)..] : ruleset.Manifest.TargetFramework;
        return (options ?? RuleOptions.Default) with { Target = target };
    }
}
