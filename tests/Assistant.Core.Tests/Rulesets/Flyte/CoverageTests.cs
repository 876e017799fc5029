using System.Text.RegularExpressions;
using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>
/// Every table row of reference/flyte.md §2–§18, read from the reference at test time, must be mapped in
/// rulesets/flyte1-to-flyte2/coverage.yaml to an existing rule of the ruleset and an existing fixture.
/// </summary>
public sealed partial class CoverageTests(ITestOutputHelper output)
{
    private static readonly string RulesetDirectory = Path.Combine(RepositoryLayout.Rulesets, "flyte1-to-flyte2");
    private static readonly string Reference = Path.Combine(RepositoryLayout.SharedReference, "flyte.md");

    [Fact]
    public void Every_Reference_Table_Row_Should_Map_To_An_Existing_Rule_And_Fixture()
    {
        if (!File.Exists(Reference))
        {
            output.WriteLine($"SKIPPED: {Reference} is absent (no ../shared checkout); the coverage checklist cannot be generated.");
            return;
        }

        var rows = ReferenceRows(File.ReadAllLines(Reference));
        Assert.True(rows.Count > 200, $"only {rows.Count} rows parsed from {Reference}: the table parser is broken");
        var map = CoverageMap();
        var ruleset = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets);
        var rules = ruleset.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var fixtures = FixtureCatalog.Discover(Path.Combine(RulesetDirectory, "fixtures")).Select(f => f.ToString()).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (section, row) in rows)
        {
            if (!map.TryGetValue((section, row), out var entry))
            {
                failures.Add($"§{section} {row}: not in coverage.yaml");
                continue;
            }

            if (!rules.Contains(entry.Rule))
            {
                failures.Add($"§{section} {row}: rule {entry.Rule} is not part of the ruleset");
            }

            if (!fixtures.Contains(entry.Fixture))
            {
                failures.Add($"§{section} {row}: fixture {entry.Fixture} does not exist");
            }
        }

        output.WriteLine($"{rows.Count - failures.Count}/{rows.Count} reference rows covered");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_Coverage_Map_Should_Not_Keep_Rows_The_Reference_No_Longer_Has()
    {
        if (!File.Exists(Reference))
        {
            output.WriteLine($"SKIPPED: {Reference} is absent (no ../shared checkout).");
            return;
        }

        var rows = ReferenceRows(File.ReadAllLines(Reference)).ToHashSet();
        var stale = CoverageMap().Keys.Where(k => !rows.Contains(k)).Select(k => $"§{k.Section} {k.Row}").ToList();
        Assert.True(stale.Count == 0, "coverage.yaml rows not in the reference:\n" + string.Join("\n", stale));
    }

    /// <summary>(section, first cell) of every body row of every table under a §2–§18 heading; header rows are skipped.</summary>
    internal static List<(string Section, string Row)> ReferenceRows(IEnumerable<string> lines)
    {
        var rows = new List<(string, string)>();
        string? section = null;
        var previousWasTable = false;
        foreach (var line in lines)
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                section = heading.Groups[1].Value;
            }

            var isRow = line.StartsWith('|');
            if (isRow && !Separator().IsMatch(line) && previousWasTable && section is not null
                && int.Parse(section.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) is >= 2 and <= 18)
            {
                var cells = CellSplit().Split(line.Trim()).Skip(1).ToList();
                rows.Add((section, cells[0].Trim()));
            }

            previousWasTable = isRow;
        }

        return rows;
    }

    private static Dictionary<(string Section, string Row), (string Rule, string Fixture)> CoverageMap()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(RulesetDirectory, "coverage.yaml"))))
        {
            yaml.Load(reader);
        }

        var map = new Dictionary<(string, string), (string, string)>();
        foreach (var item in ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["rows"]).Children.Cast<YamlMappingNode>())
        {
            string Get(string key) => ((YamlScalarNode)item[key]).Value!;
            map[(Get("section"), Get("row"))] = (Get("rule"), Get("fixture"));
        }

        return map;
    }

    [GeneratedRegex(@"^#{2,3} (\d+(?:\.\d+)?)\.? ")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|[-| :]+\|\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();
}
