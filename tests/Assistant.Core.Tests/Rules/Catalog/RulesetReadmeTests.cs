using Assistant.Core.Rules.Catalog;
using Assistant.Core.Source.Diff;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rules.Catalog;

/// <summary>Each built-in ruleset's README carries the rule docs generated from its rules, and regenerating keeps the hand-written parts.</summary>
public sealed class RulesetReadmeTests
{
    public static TheoryData<string> Rulesets() => new(BuiltInRulesets.Ids(RepositoryLayout.Rulesets));

    [Theory]
    [MemberData(nameof(Rulesets))]
    public void Readme_Should_Carry_The_Rule_Docs_Generated_From_The_Rules(string id)
    {
        var ruleset = BuiltInRulesets.Load(id, RepositoryLayout.Rulesets);
        var generated = RulesetReadme.Render(ruleset, RuleCatalog.Of([ruleset]).Rules);

        var current = RulesetReadme.Current(File.ReadAllText(Path.Combine(ruleset.Directory, "README.md")));

        Assert.True(current == generated,
            $"rulesets/{id}/README.md is stale. From the repository root run:\n" +
            $"  dotnet build -c Release && dotnet src/Assistant.Cli/bin/Release/net10.0/flowmigrate.dll rules docs --ruleset {id} --readme rulesets/{id}/README.md\n" +
            UnifiedDiffFormatter.Format(TextDiffer.Compute(current ?? string.Empty, generated), "README.md (committed)", "README.md (generated)"));
    }

    [Fact]
    public void Every_Rule_Should_Have_A_Section_With_Its_Why()
    {
        var ruleset = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets);
        var rules = RuleCatalog.Of([ruleset]).Rules;

        var generated = RulesetReadme.Render(ruleset, rules);

        Assert.Equal(ruleset.Manifest.RuleOrder.Count, rules.Count);
        Assert.All(rules, r => Assert.Contains($"\n### {r.Descriptor.Id}\n", generated));
        Assert.All(rules, r => Assert.Contains("**Why:** " + r.Descriptor.Why.Split('<')[0], generated));
    }

    [Fact]
    public void Update_Should_Replace_Only_The_Marked_Section()
    {
        var readme = "# Title\n\nHand-written intro.\n\n<!-- BEGIN generated rule docs: old -->\nold docs\n<!-- END generated rule docs -->\n\n## Known limits\n\nHand-written.\n";
        var section = "<!-- BEGIN generated rule docs: new -->\nnew docs\n<!-- END generated rule docs -->\n";

        var updated = RulesetReadme.Update(readme, section);

        Assert.Equal("# Title\n\nHand-written intro.\n\n" + section + "\n## Known limits\n\nHand-written.\n", updated);
        Assert.Equal(section, RulesetReadme.Current(updated));
        Assert.Equal(updated, RulesetReadme.Update(updated, section));
    }

    [Fact]
    public void Update_Should_Append_The_Section_To_A_Readme_Without_Markers()
    {
        var section = "<!-- BEGIN generated rule docs: new -->\nnew docs\n<!-- END generated rule docs -->\n";

        Assert.Null(RulesetReadme.Current("# Title\n"));
        Assert.Equal("# Title\n\n" + section, RulesetReadme.Update("# Title\n", section));
    }
}
