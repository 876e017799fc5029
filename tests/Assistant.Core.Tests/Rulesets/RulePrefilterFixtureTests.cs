using System.Collections.Concurrent;
using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets;

/// <summary>
/// The prefilter leaves a rule out only where it would find nothing: every built-in rule that names its mentions
/// (<see cref="IPrefilteredRule"/>) is called without the prefilter on every text the fixtures of its ruleset give it (the
/// inputs and each pass's text, with the fixture's own scope and with the whole ruleset), and on each text the prefilter
/// would leave it out for it must find nothing.
/// </summary>
public sealed class RulePrefilterFixtureTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Leave_Out_A_Rule_Only_Where_It_Finds_Nothing()
    {
        var violations = new ConcurrentQueue<string>();
        var counts = new int[2];
        await shared.Worker.StartAsync();
        var runner = new FixtureRunner(new ModuleParser(shared.Worker));
        var prefiltered = 0;
        foreach (var id in BuiltInRulesets.Ids(RepositoryLayout.Rulesets))
        {
            var ruleset = BuiltInRulesets.Load(id, RepositoryLayout.Rulesets);
            var rules = ruleset.Rules.Select(r => r is IPrefilteredRule p ? new Unfiltered(p, violations, counts) : r).ToList();
            prefiltered += ruleset.Rules.Count(r => r is IPrefilteredRule);
            var unfiltered = new Ruleset(ruleset.Manifest, rules, ruleset.FileRules, ruleset.Tables, ruleset.Directory);
            foreach (var fixture in FixtureCatalog.Discover(Path.Combine(ruleset.Directory, "fixtures")))
            {
                await runner.RunAsync(unfiltered, fixture, RulesetOptions.For(ruleset));
                if (fixture.Scope != "pipeline")
                {
                    await runner.RunAsync(unfiltered, fixture with { Scope = "pipeline" }, RulesetOptions.For(ruleset));
                }
            }
        }

        Assert.True(prefiltered > 0, "no built-in rule is prefiltered");
        Assert.True(violations.IsEmpty, $"{violations.Count} findings where the prefilter leaves their rule out; first:\n{string.Join("\n", violations.Take(3))}");
        Assert.True(counts[1] > 100 && counts[0] > counts[1], $"the fixtures left prefiltered rules out {counts[1]} times in {counts[0]} calls");
    }

    // The rule as it is, without the prefilter: each call notes whether the prefilter would have left it out, and what it found then.
    private sealed class Unfiltered(IPrefilteredRule rule, ConcurrentQueue<string> violations, int[] counts) : IRule
    {
        public RuleDescriptor Descriptor => rule.Descriptor;

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            var findings = rule.Analyze(context).ToList();
            var text = context.Module.Text;
            var excluded = new RulePrefilter([rule], context.Tables).Excludes(0, text, System.Text.Ascii.IsValid(text));
            Interlocked.Increment(ref counts[0]);
            if (excluded)
            {
                Interlocked.Increment(ref counts[1]);
                foreach (var finding in findings)
                {
                    violations.Enqueue($"{rule.Descriptor.Id} in {context.Module.Path}: {finding.Message}\n{text}");
                }
            }

            return findings;
        }
    }
}
