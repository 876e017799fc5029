using Assistant.Core.Rules;
using Assistant.Core.Rules.Catalog;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rules.Catalog;

public sealed class RuleCatalogTests
{
    private static readonly Lazy<IReadOnlyList<Ruleset>> All = new(() =>
        BuiltInRulesets.Ids(RepositoryLayout.Rulesets).Select(id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets)).ToList());

    [Fact]
    public void Should_List_Every_Rule_Of_Each_Ruleset_In_Manifest_Order_As_Built_In()
    {
        var catalog = RuleCatalog.Of(All.Value);

        foreach (var ruleset in All.Value)
        {
            Assert.Equal(ruleset.Manifest.RuleOrder, catalog.OfRuleset(ruleset.Id).Select(r => r.Descriptor.Id));
        }

        Assert.All(catalog.Rules, r => Assert.True(r.IsBuiltIn));
        Assert.Contains(catalog.Rules, r => r.Kind == RuleKind.File);
    }

    [Fact]
    public void Should_Take_The_Source_Of_Rules_That_Are_Not_Built_In_From_The_Caller()
    {
        var flyte = All.Value.Single(r => r.Id == "flyte1-to-flyte2");

        var catalog = RuleCatalog.Of([flyte], (_, d) => d.Id == "FLY301" ? ".flowmigrate/rules/Company.cs" : null);

        Assert.Equal(".flowmigrate/rules/Company.cs", Assert.Single(catalog.Find("fly301")).Source);
        Assert.Equal(CatalogRule.BuiltIn, Assert.Single(catalog.Find("FLY101")).Source);
        Assert.Empty(catalog.Find("NOPE1"));
    }
}
