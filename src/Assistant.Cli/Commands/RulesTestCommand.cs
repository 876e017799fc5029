using System.CommandLine;
using System.Text;
using Assistant.Cli.Hosting;
using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate rules test DIR [--ruleset ID]</c>: runs a folder of input/expected fixture pairs through
/// the rules with the harness the built-in fixtures use (<see cref="FixtureRunner"/>) and prints PASS/FAIL
/// with a unified diff per mismatch. Exit 1 when a fixture fails.
/// </summary>
internal static class RulesTestCommand
{
    public static Command Create(Consoles consoles)
    {
        var directory = new Argument<string>("dir") { Description = "A fixtures folder (<rule id or pipeline>/<name>.py + <name>.expected.py, or <scope>/<name>/input|expected/), or one scope folder of it" };
        var ruleset = RulesCommand.Ruleset("Run the fixtures against this ruleset (default: the one that has the rules the folder names)");
        var python = SharedOptions.Python();
        var command = new Command("test", "Run a folder of input/expected fixture pairs through the rules and report pass/fail with diffs") { directory, ruleset, python };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(directory));
            var fixtures = Discover(root);
            var chosen = RuleCatalogFactory.LoadRuleset(ChooseRuleset(result.GetValue(ruleset), fixtures, root));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            var runner = new FixtureRunner(new ModuleParser(worker));
            var failed = 0;
            foreach (var fixture in fixtures)
            {
                var outcome = await runner.RunAsync(chosen, fixture, RulesetOptions.For(chosen), cancellationToken);
                failed += outcome.Passed ? 0 : 1;
                Console.Out.Write(Report(outcome));
            }

            Console.Out.WriteLine($"{fixtures.Count - failed} passed, {failed} failed ({chosen.Id}, {fixtures.Count} fixtures in {root})");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    // DIR is either a fixtures folder (scopes as subfolders) or one scope folder: FLY301/, pipeline/, MYCO001/.
    private static IReadOnlyList<Fixture> Discover(string root)
    {
        IReadOnlyList<Fixture> fixtures;
        try
        {
            // Only DIR itself: its parent's other folders are none of this command's business (and may not be fixtures).
            fixtures = FixtureCatalog.Discover(root);
            if (fixtures.Count == 0)
            {
                fixtures = FixtureCatalog.DiscoverScope(root);
            }
        }
        catch (InvalidDataException exception)
        {
            throw new UserError(exception.Message);
        }

        return fixtures.Count > 0
            ? fixtures
            : throw new UserError($"no fixtures in {root}: expected <rule id or pipeline>/<name>.py beside <name>.expected.py (or <scope>/<name>/input/ and expected/)");
    }

    private static string ChooseRuleset(string? requested, IReadOnlyList<Fixture> fixtures, string root)
    {
        var catalog = RuleCatalogFactory.Load(requested);
        if (requested is not null)
        {
            return requested;
        }

        var ruleIds = fixtures.Select(f => f.Scope).Where(s => s != "pipeline").Distinct().ToList();
        var candidates = catalog.RulesetIds
            .Where(id => ruleIds.All(rule => catalog.OfRuleset(id).Any(r => r.Descriptor.Id == rule)))
            .ToList();
        return candidates.Count switch
        {
            1 when ruleIds.Count > 0 => candidates[0],
            0 => throw new UserError($"no ruleset has all the rules {root} names ({string.Join(", ", ruleIds)}); check the folder names or pass --ruleset ID"),
            _ => throw new UserError($"the fixtures in {root} could belong to several rulesets; pass --ruleset with one of: {string.Join(", ", candidates)}"),
        };
    }

    private static string Report(FixtureOutcome outcome)
    {
        var fixture = outcome.Fixture;
        var text = new StringBuilder($"{(outcome.Passed ? "PASS" : "FAIL")} {fixture}\n");
        foreach (var problem in outcome.Problems)
        {
            text.Append("  ").Append(problem).Append('\n');
        }

        foreach (var file in outcome.Files.Where(f => !f.Matches))
        {
            var received = fixture.ReceivedPath(file.Path, fixture.IsSingleFile);
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, file.Actual);
            if (file.Expected is null)
            {
                text.Append($"  {file.Path}: no expected file; the output was written to {received} (review it, then rename it to the expected name)\n");
                continue;
            }

            text.Append($"  {file.Path}: the output differs from the expected file (written to {received})\n");
            text.Append(UnifiedDiffFormatter.Format(TextDiffer.Compute(file.Expected, file.Actual), "expected/" + file.Path, "actual/" + file.Path));
        }

        return text.ToString();
    }
}
