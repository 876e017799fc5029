using Assistant.Core.Rules;
using Assistant.Core.Rules.Catalog;
using Assistant.Core.Rules.Loading;
using Assistant.Rulesets;

namespace Assistant.Cli.Hosting;

/// <summary>
/// The rule catalog the <c>rules</c> verbs read: the built-in rulesets (all, or the one named).
/// Rules loaded from elsewhere (a repository's user rules) join through <see cref="RuleCatalog.Of"/>'s
/// source function, which names the file each of them came from.
/// </summary>
internal static class RuleCatalogFactory
{
    public static RuleCatalog Load(string? rulesetId)
    {
        var ids = BuiltInRulesets.Ids();
        if (rulesetId is not null && !ids.Contains(rulesetId, StringComparer.Ordinal))
        {
            throw new UserError($"unknown ruleset '{rulesetId}'; the rulesets are: {string.Join(", ", ids)}");
        }

        return RuleCatalog.Of((rulesetId is null ? ids : [rulesetId]).Select(LoadRuleset).ToList());
    }

    public static Ruleset LoadRuleset(string id)
    {
        try
        {
            return BuiltInRulesets.Load(id);
        }
        catch (RulesetLoadException exception)
        {
            throw new UserError($"ruleset {id} cannot be loaded: {exception.Message}", ExitCodes.EnvironmentProblem);
        }
    }
}
