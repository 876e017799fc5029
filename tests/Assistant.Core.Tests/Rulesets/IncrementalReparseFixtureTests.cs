using System.Collections.Concurrent;
using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Python;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Tests.Python.Parsing;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets;

/// <summary>
/// The edits rules really make, re-parsed incrementally: running every fixture of every built-in ruleset, each incremental
/// re-parse of a pass's edits must give the tree and comments a parse of the whole edited text gives.
/// </summary>
public sealed class IncrementalReparseFixtureTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Reparse_The_Edits_Of_Every_Fixture_Into_The_Tree_Of_The_Whole_Text()
    {
        var differences = new ConcurrentQueue<string>();
        var reparses = 0;
        PythonModule? Verified(PythonModule previous, EditSet edits, string text)
        {
            if (IncrementalReparser.TryReparse(previous, edits, text) is not { } reparsed)
            {
                return null;
            }

            Interlocked.Increment(ref reparses);
            var whole = InProcessParser.TryParse(previous.Path, text, previous.Encoding, comments: true)?.Module;
            if ((whole is null ? "the whole text does not parse in process" : TreeDump.FirstDifference(whole, reparsed)) is { } difference)
            {
                differences.Enqueue($"{previous.Path} with {string.Join(", ", edits.Edits)}:\n{difference}");
            }

            return reparsed;
        }

        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, InProcessParser.TryParse, Verified);
        var fixtures = 0;
        foreach (var id in BuiltInRulesets.Ids(RepositoryLayout.Rulesets))
        {
            var ruleset = BuiltInRulesets.Load(id, RepositoryLayout.Rulesets);
            foreach (var fixture in FixtureCatalog.Discover(Path.Combine(ruleset.Directory, "fixtures")))
            {
                await new FixtureRunner(parser).RunAsync(ruleset, fixture, RulesetOptions.For(ruleset));
                fixtures++;
            }
        }

        Assert.True(differences.IsEmpty, $"{differences.Count} re-parses differ; first:\n{string.Join("\n", differences.Take(3))}");
        Assert.True(reparses > fixtures, $"only {reparses} incremental re-parses in {fixtures} fixtures");
    }
}
