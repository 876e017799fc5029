using Assistant.Core.Rules;
using Assistant.Core.Rules.Catalog;
using Assistant.Core.Rules.Loading;
using Assistant.Core.Rules.UserRules;
using Assistant.Rulesets;

namespace Assistant.Cli.Hosting;

/// <summary>
/// The rule catalog the <c>rules</c> verbs read: the built-in rulesets (all, or the one named).
/// Rules loaded from elsewhere (a repository's user rules) join through <see cref="RuleCatalog.Of"/>'s
/// source function, which names the file each of them came from.
/// </summary>
internal static class RuleCatalogFactory
{
    /// <summary>The built-in rulesets (all, or the one named), extended with <paramref name="userRules"/> when given.</summary>
    public static RuleCatalog Load(string? rulesetId, UserRuleSet? userRules = null)
    {
        var ids = BuiltInRulesets.Ids();
        if (rulesetId is not null && !ids.Contains(rulesetId, StringComparer.Ordinal))
        {
            throw new UserError($"unknown ruleset '{rulesetId}'; the rulesets are: {string.Join(", ", ids)}");
        }

        var rulesets = (rulesetId is null ? ids : [rulesetId]).Select(LoadRuleset);
        return userRules is null
            ? RuleCatalog.Of(rulesets.ToList())
            : RuleCatalog.Of(rulesets.Select(userRules.Extend).ToList(), (_, descriptor) => userRules.SourceOf(descriptor.Id));
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
