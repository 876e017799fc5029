using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets;

/// <summary>
/// Every fixture of every built-in ruleset, run through the product's own pipeline: the output
/// must equal the expected file, parse, and be a fixpoint. A mismatch writes <c>*.received.*</c>
/// beside the fixture so the difference can be reviewed (and accepted by renaming).
/// </summary>
public sealed class RulesetFixtureTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var id in BuiltInRulesets.Ids(RepositoryLayout.Rulesets))
        {
            foreach (var fixture in FixtureCatalog.Discover(Path.Combine(RepositoryLayout.Rulesets, id, "fixtures")))
            {
                data.Add(id, fixture.Scope, fixture.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fixture_Output_Should_Match_Expected(string rulesetId, string scope, string name)
    {
        var ruleset = BuiltInRulesets.Load(rulesetId, RepositoryLayout.Rulesets);
        var fixture = FixtureCatalog.Discover(Path.Combine(ruleset.Directory, "fixtures")).Single(f => f.Scope == scope && f.Name == name);

        var outcome = await new FixtureRunner(shared.Parser).RunAsync(ruleset, fixture, RulesetOptions.For(ruleset));

        foreach (var file in outcome.Files.Where(f => !f.Matches))
        {
            var received = fixture.ReceivedPath(file.Path, fixture.IsSingleFile);
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, file.Actual);
        }

        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems));
        foreach (var file in outcome.Files)
        {
            Assert.True(file.Expected is not null, $"{fixture}: no expected output for {file.Path}; the output was written to a .received file");
            Assert.Equal(file.Expected, file.Actual);
        }
    }
}
