using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Property;

/// <summary>
/// The broken-output guard: every fixture of every rule of every built-in ruleset is rewritten into
/// many variants that mean the same code (renamed and non-ASCII identifiers, comments and blank lines
/// inside calls and between decorators, other quotes, parenthesised and backslash continuations,
/// trailing commas in decorators, probe comment lines between statements), and the rules run on each.
/// The output must parse, a second run must change nothing, no step may report a dropped or failing
/// fix, and every probe line must come out byte-identical and in order. Comments put inside calls
/// are counted when a rule rewrote the call around them (those lines were touched).
/// </summary>
[Trait("Category", "Integration")]
public sealed class RuleOutputPropertyTests(SharedWorker shared, ITestOutputHelper output) : IClassFixture<SharedWorker>
{
    private const int MaxAttempts = 4;

    [Fact]
    public async Task Rule_Output_Should_Parse_Be_Idempotent_And_Keep_Untouched_Lines_For_Every_Variant()
    {
        var settings = PropertySettings.FromEnvironment();
        var cases = BuiltInRulesets.Ids(RepositoryLayout.Rulesets)
            .Select(id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets))
            .SelectMany(ruleset => FixtureCatalog.Discover(Path.Combine(ruleset.Directory, "fixtures")).Select(fixture => (ruleset, fixture)))
            .ToList();
        // Two lanes, each with its own worker (the workers' parses are the cost, and CI has two cores), each
        // going through its own indexes until it has made its half of the variants.
        using var second = Workers.Start();
        var lanes = await Task.WhenAll(
            Task.Run(() => RunLaneAsync(shared.Parser, settings, cases, Indexes(settings, 0), (settings.Variants + 1) / 2)),
            Task.Run(() => RunLaneAsync(new ModuleParser(second), settings, cases, Indexes(settings, 1), settings.Variants / 2)));
        var generated = lanes.Sum(l => l.Generated);
        var failures = lanes.SelectMany(l => l.Failures).OrderBy(f => f.Index).Select(f => f.Text).ToList();

        output.WriteLine($"seed {settings.Seed}: {generated} variants of {cases.Count} fixtures checked, {lanes.Sum(l => l.Rejected)} generated variants did not parse or changed nothing and were replaced, {failures.Count} failed; "
            + $"{lanes.Sum(l => l.LostComments)} comments put inside calls were gone from calls a rule rewrote (reported, not a failure: those lines were touched)");
        Assert.True(settings.Only is not null || generated >= settings.Variants, $"only {generated} of {settings.Variants} variants could be made");
        Assert.True(failures.Count == 0, $"seed {settings.Seed}: {failures.Count} of {generated} variants broke a property:\n" + string.Join("\n", failures.Take(25)));
    }

    private static IEnumerable<int> Indexes(PropertySettings settings, int lane) =>
        settings.Only is { } only
            ? (only % 2 == lane ? [only] : [])
            : Enumerable.Range(0, settings.Variants * 4).Where(i => i % 2 == lane);

    private static async Task<LaneResult> RunLaneAsync(ModuleParser parser, PropertySettings settings, List<(Ruleset Ruleset, Fixture Fixture)> cases, IEnumerable<int> indexes, int quota)
    {
        var generator = new FixtureVariantGenerator(parser);
        var runner = new FixtureRunner(parser);
        var result = new LaneResult();
        foreach (var index in indexes.TakeWhile(_ => result.Generated < quota))
        {
            var (ruleset, fixture) = cases[index % cases.Count];
            FixtureVariant? variant = null;
            for (var attempt = 0; attempt < MaxAttempts && variant is null; attempt++)
            {
                variant = await generator.GenerateAsync(fixture.Inputs, new Random(settings.VariantSeed(index, attempt)));
                result.Rejected += variant is null ? 1 : 0;
            }

            if (variant is null)
            {
                continue;
            }

            result.Generated++;
            var (problems, outputs, lostComments) = await CheckAsync(parser, runner, ruleset, fixture, variant);
            result.LostComments += lostComments;
            if (problems.Count > 0)
            {
                result.Failures.Add((index, $"{ruleset.Id}/{fixture} variant {index} (FLOWMIGRATE_PROPERTY_SEED={settings.Seed} FLOWMIGRATE_PROPERTY_ONLY={index}), input and output kept in {Keep(settings, index, variant, outputs)}:\n  " + string.Join("\n  ", problems)));
            }
        }

        return result;
    }

    private static async Task<(List<string> Problems, Dictionary<string, string> Outputs, int LostComments)> CheckAsync(ModuleParser parser, FixtureRunner runner, Ruleset ruleset, Fixture fixture, FixtureVariant variant)
    {
        var expected = variant.Inputs.Keys.ToDictionary(path => path, _ => (string?)null, StringComparer.Ordinal);
        var outcome = await runner.RunAsync(ruleset, fixture with { Inputs = variant.Inputs, Expected = expected }, RulesetOptions.For(ruleset));
        var problems = outcome.Problems.ToList();
        var lost = 0;
        foreach (var file in outcome.Files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal) && f.Actual != variant.Inputs.GetValueOrDefault(f.Path)))
        {
            if (await parser.CheckSyntaxAsync(file.Path, file.Actual) is { } error)
            {
                problems.Add($"{file.Path}: the output does not parse: {error}");
            }

            problems.AddRange(MissingProbes(file.Path, file.Actual, variant.Probes.GetValueOrDefault(file.Path) ?? []));
            lost += (variant.Comments.GetValueOrDefault(file.Path) ?? []).Count(c => !file.Actual.Contains(c, StringComparison.Ordinal));
        }

        return (problems, outcome.Files.ToDictionary(f => f.Path, f => f.Actual, StringComparer.Ordinal), lost);
    }

    private static IEnumerable<string> MissingProbes(string path, string text, IReadOnlyList<string> probes)
    {
        var at = 0;
        foreach (var probe in probes)
        {
            var found = text.IndexOf(probe, at, StringComparison.Ordinal);
            while (found > 0 && text[found - 1] != '\n')
            {
                found = text.IndexOf(probe, found + 1, StringComparison.Ordinal);
            }

            if (found < 0)
            {
                yield return $"{path}: the untouched line '{probe.TrimEnd()}' is missing, changed or out of order";
                continue;
            }

            at = found + probe.Length;
        }
    }

    private static string Keep(PropertySettings settings, int index, FixtureVariant variant, Dictionary<string, string> outputs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "flowmigrate-property", $"{settings.Seed}-{index}");
        foreach (var (path, text) in variant.Inputs)
        {
            var file = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        foreach (var (path, text) in outputs)
        {
            var file = Path.Combine(directory, "output", path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return directory;
    }
}
