using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Cli.Tests.Support;
using Assistant.Core.Rules.Catalog;
using Assistant.Rulesets;

namespace Assistant.Cli.Tests.Commands;

/// <summary><c>flowmigrate rules list|show|test|docs</c>, run as the real binary.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private static readonly string Rulesets = Path.Combine(CliProcess.Root, "rulesets");
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "rules-" + Guid.NewGuid().ToString("N")[..10]);

    public RulesCommandTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task List_Should_Show_Every_Rule_With_Its_Ruleset_Step_Safety_And_Source()
    {
        var result = await CliProcess.RunAsync("rules", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        var expected = BuiltInRulesets.Ids(Rulesets).SelectMany(id => BuiltInRulesets.Load(id, Rulesets).Descriptors.Select(d => (Ruleset: id, Rule: d))).ToList();
        foreach (var (ruleset, rule) in expected)
        {
            var pattern = $@"^{rule.Id}\s+{Regex.Escape(rule.Name)}\s+{ruleset}\s+{rule.Step}\s+{rule.Safety.ToString().ToLowerInvariant()}\s+built-in$";
            Assert.True(lines.Count(l => Regex.IsMatch(l, pattern)) == 1, $"no single line for {rule.Id} of {ruleset}:\n{result.Output}");
        }

        Assert.Equal($"{expected.Count} rules", lines[^1]);
    }

    [Fact]
    public async Task List_Json_Should_Give_One_Rulesets_Rules_In_Run_Order()
    {
        var result = await CliProcess.RunAsync("rules", "list", "--ruleset", "prefect1-to-prefect2", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("flowmigrate.rules/1", json.RootElement.GetProperty("schema").GetString());
        var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(BuiltInRulesets.Load("prefect1-to-prefect2", Rulesets).Manifest.RuleOrder, rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.Equal("prefect1-to-prefect2", r.GetProperty("ruleset").GetString()));
        Assert.All(rules, r => Assert.Equal("built-in", r.GetProperty("source").GetString()));
        Assert.Contains(rules, r => r.GetProperty("reads").GetString() == "files");
    }

    [Theory]
    [InlineData("list", "--ruleset", "flyte9-to-flyte10")]
    [InlineData("show", "FLY999")]
    [InlineData("show", "FLY301", "--ruleset", "prefect1-to-prefect3")]
    [InlineData("docs", "--ruleset", "nope")]
    [InlineData("test", "/definitely/not/here")]
    public async Task Unknown_Ids_And_Folders_Should_Exit_2_With_One_Line(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(["rules", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("unknown ruleset|unknown rule|does not exist", line);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Show_Should_Print_The_Docs_And_The_First_Fixture_As_A_Diff()
    {
        var rule = BuiltInRulesets.Load("flyte1-to-flyte2", Rulesets).Rules.Single(r => r.Descriptor.Id == "FLY301").Descriptor;

        var result = await CliProcess.RunAsync("rules", "show", "fly301");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"FLY301  {rule.Name}\nruleset  flyte1-to-flyte2\nstep     control-flow", result.Output);
        Assert.Contains("  " + rule.Summary, result.Output);
        Assert.Contains("  " + rule.Why, result.Output);
        Assert.Contains("  " + rule.Example, result.Output);
        var first = Directory.GetFiles(Path.Combine(Rulesets, "flyte1-to-flyte2", "fixtures", "FLY301"), "*.expected.py").Order(StringComparer.Ordinal).First();
        var name = Path.GetFileName(first).Replace(".expected.py", ".py", StringComparison.Ordinal);
        Assert.Contains($"Fixture fixtures/FLY301/{name} (input → expected)", result.Output);
        Assert.Contains($"  +++ expected/{name}", result.Output);
    }

    [Fact]
    public async Task Test_Should_Pass_Fixtures_That_Match_And_Exit_0()
    {
        var fixtures = CopyFixtures("flyte1-to-flyte2", "FLY301");

        var result = await CliProcess.RunAsync("rules", "test", fixtures);

        Assert.Equal(0, result.ExitCode);
        var count = Directory.GetFiles(Path.Combine(fixtures, "FLY301"), "*.expected.py").Length;
        Assert.Equal(count, Regex.Matches(result.Output, @"^PASS FLY301/\w+$", RegexOptions.Multiline).Count);
        Assert.EndsWith($"{count} passed, 0 failed (flyte1-to-flyte2, {count} fixtures in {fixtures})\n", result.Output);
    }

    [Fact]
    public async Task Test_Should_Report_A_Mismatch_As_A_Unified_Diff_And_Exit_1()
    {
        var fixtures = CopyFixtures("prefect1-to-prefect3", "PF320");
        var scope = Path.Combine(fixtures, "PF320");
        var broken = Directory.GetFiles(scope, "*.expected.py").Order(StringComparer.Ordinal).First();
        var name = Path.GetFileName(broken).Replace(".expected.py", string.Empty, StringComparison.Ordinal);
        var original = File.ReadAllText(broken);
        File.WriteAllText(broken, original + "extra_line = 1\n");
        File.Copy(Path.Combine(scope, name + ".py"), Path.Combine(scope, "no_expected.py"));

        var result = await CliProcess.RunAsync("rules", "test", scope);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAIL PF320/{name}\n", result.Output);
        Assert.Contains($"--- expected/{name}.py\n+++ actual/{name}.py\n", result.Output);
        Assert.Contains("\n-extra_line = 1\n", result.Output);
        Assert.Equal(original, File.ReadAllText(Path.Combine(scope, name + ".received.py")));
        Assert.Contains("FAIL PF320/no_expected\n  no_expected.py: no expected file; the output was written to", result.Output);
        Assert.Contains(" 2 failed (prefect1-to-prefect3,", result.Output);
    }

    [Fact]
    public async Task Test_Should_Ask_For_A_Ruleset_When_The_Folder_Does_Not_Name_One()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "pipeline"));
        File.WriteAllText(Path.Combine(_temp, "pipeline", "a.py"), "x = 1\n");
        File.WriteAllText(Path.Combine(_temp, "pipeline", "a.expected.py"), "x = 1\n");

        var ambiguous = await CliProcess.RunAsync("rules", "test", _temp);
        var chosen = await CliProcess.RunAsync("rules", "test", _temp, "--ruleset", "prefect1-to-prefect2");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("pass --ruleset with one of: flyte1-to-flyte2, prefect1-to-prefect2, prefect1-to-prefect3", ambiguous.Error);
        Assert.Equal(0, chosen.ExitCode);
        Assert.Contains("PASS pipeline/a\n", chosen.Output);
    }

    [Fact]
    public async Task Test_Should_Refuse_A_Folder_Without_Fixtures_Or_With_Unknown_Rules()
    {
        var empty = await CliProcess.RunAsync("rules", "test", _temp);
        Directory.CreateDirectory(Path.Combine(_temp, "NOPE9"));
        File.WriteAllText(Path.Combine(_temp, "NOPE9", "a.py"), "x = 1\n");
        var unknown = await CliProcess.RunAsync("rules", "test", _temp);

        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no fixtures in", empty.Error);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no ruleset has all the rules", unknown.Error);
        Assert.Contains("NOPE9", unknown.Error);
    }

    [Fact]
    public async Task Test_Should_Read_Only_The_Folder_It_Is_Given_And_Refuse_A_Fixture_That_Is_Not_Utf8()
    {
        // An empty folder beside another holding a non-UTF-8 .py (as other tests' repositories in the shared temp
        // folder do): rules test used to read the siblings as fixtures and crash with a stack trace.
        var empty = Path.Combine(_temp, "empty");
        Directory.CreateDirectory(empty);
        Directory.CreateDirectory(Path.Combine(_temp, "sibling"));
        File.WriteAllBytes(Path.Combine(_temp, "sibling", "latin.py"), System.Text.Encoding.Latin1.GetBytes("x = 'café'\n"));
        var beside = await CliProcess.RunAsync("rules", "test", empty);

        Assert.Equal(2, beside.ExitCode);
        Assert.Contains("no fixtures in", beside.Error);
        Assert.DoesNotContain("   at ", beside.Error);

        var latin = await CliProcess.RunAsync("rules", "test", Path.Combine(_temp, "sibling"));

        Assert.Equal(2, latin.ExitCode);
        Assert.Contains("latin.py is not valid UTF-8; fixture files are UTF-8", latin.Error);
        Assert.DoesNotContain("   at ", latin.Error);
    }

    [Fact]
    public async Task Docs_Should_Print_The_Readme_Section_And_Rewrite_Only_That_Section()
    {
        var committed = File.ReadAllText(Path.Combine(Rulesets, "flyte1-to-flyte2", "README.md"));
        var section = RulesetReadme.Current(committed)!;
        var stale = Path.Combine(_temp, "README.md");
        File.WriteAllText(stale, committed.Replace(section, "<!-- BEGIN generated rule docs: old -->\nold\n<!-- END generated rule docs -->\n", StringComparison.Ordinal));

        var printed = await CliProcess.RunAsync("rules", "docs", "--ruleset", "flyte1-to-flyte2");
        var updated = await CliProcess.RunAsync("rules", "docs", "--ruleset", "flyte1-to-flyte2", "--readme", stale);
        var again = await CliProcess.RunAsync("rules", "docs", "--ruleset", "flyte1-to-flyte2", "--readme", stale);

        Assert.Equal(section, printed.Output);
        Assert.Equal($"{stale}: updated\n", updated.Output);
        Assert.Equal(committed, File.ReadAllText(stale));
        Assert.Equal($"{stale}: up to date\n", again.Output);
    }

    private string CopyFixtures(string ruleset, string scope)
    {
        var target = Path.Combine(_temp, "fixtures", scope);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(Rulesets, ruleset, "fixtures", scope)).Where(f => !f.Contains(".received.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return Path.Combine(_temp, "fixtures");
    }
}
