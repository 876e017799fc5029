namespace Assistant.Core.Rules.Catalog;

/// <summary>
/// Every rule of the loaded rulesets, in each ruleset's run order (the manifest's), with where it
/// comes from. Rules that are not built in (user rules) get their source from the
/// <c>sourceOf</c> function the caller passes, so whatever loads them only has to say which file
/// each rule came from.
/// </summary>
public sealed class RuleCatalog(IReadOnlyList<CatalogRule> rules)
{
    public IReadOnlyList<CatalogRule> Rules { get; } = rules;

    public IEnumerable<string> RulesetIds => Rules.Select(r => r.Ruleset.Id).Distinct();

    /// <summary>The catalog of <paramref name="rulesets"/>; <paramref name="sourceOf"/> returns a rule's file, or null for a built-in rule.</summary>
    public static RuleCatalog Of(IEnumerable<Ruleset> rulesets, Func<Ruleset, RuleDescriptor, string?>? sourceOf = null)
    {
        var entries = new List<CatalogRule>();
        foreach (var ruleset in rulesets.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var order = ruleset.Manifest.RuleOrder.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
            entries.AddRange(ruleset.Rules.Select(r => (r.Descriptor, Kind: RuleKind.Module))
                .Concat(ruleset.FileRules.Select(r => (r.Descriptor, Kind: RuleKind.File)))
                .OrderBy(r => order.GetValueOrDefault(r.Descriptor.Id, int.MaxValue))
                .Select(r => new CatalogRule(ruleset, r.Descriptor, r.Kind, sourceOf?.Invoke(ruleset, r.Descriptor) ?? CatalogRule.BuiltIn)));
        }

        return new RuleCatalog(entries);
    }

    /// <summary>The rules with this id (case-insensitive), one per ruleset that has it.</summary>
    public IReadOnlyList<CatalogRule> Find(string id) =>
        Rules.Where(r => string.Equals(r.Descriptor.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();

    public IReadOnlyList<CatalogRule> OfRuleset(string rulesetId) => Rules.Where(r => r.Ruleset.Id == rulesetId).ToList();
}
