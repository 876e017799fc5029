using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Core.Migration.Fixtures;
using Assistant.Rulesets;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Tests.Rulesets;

/// <summary>One row of a ruleset's coverage.yaml: the reference row, the rule handling it, the fixture showing it,
/// and <see cref="Gap"/> when the row is known not to have a fixture yet (reported, never silent).</summary>
internal sealed record CoverageEntry(string Rule, string Fixture, string? Gap);

/// <summary>
/// The checklist behind the coverage tests: every body row of every table of a reference page (section and
/// first cell, read at test time) must be listed in the ruleset's coverage.yaml with a rule of that ruleset
/// and an existing fixture. Shared by the Flyte and Prefect rulesets.
/// </summary>
internal static partial class ReferenceCoverage
{
    /// <summary>(section, first cell) of every body row of every table under a heading numbered
    /// <paramref name="first"/>–<paramref name="last"/>; header rows are skipped.</summary>
    public static List<(string Section, string Row)> ReferenceRows(IEnumerable<string> lines, int first, int last)
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
                && int.Parse(section.Split('.')[0], CultureInfo.InvariantCulture) is var number && number >= first && number <= last)
            {
                var cells = CellSplit().Split(line.Trim()).Skip(1).ToList();
                rows.Add((section, cells[0].Trim()));
            }

            previousWasTable = isRow;
        }

        return rows;
    }

    public static Dictionary<(string Section, string Row), CoverageEntry> CoverageMap(string rulesetDirectory)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(rulesetDirectory, "coverage.yaml"))))
        {
            yaml.Load(reader);
        }

        var map = new Dictionary<(string, string), CoverageEntry>();
        foreach (var item in ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["rows"]).Children.Cast<YamlMappingNode>())
        {
            string? Get(string key) => item.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
            map[(Get("section")!, Get("row")!)] = new CoverageEntry(Get("rule")!, Get("fixture")!, Get("gap"));
        }

        return map;
    }

    /// <summary>The failures of the checklist (empty when every row is covered) and the rows marked as gaps.</summary>
    public static (List<string> Failures, List<string> Gaps) Check(string rulesetId, string referencePath, int first, int last)
    {
        var rulesetDirectory = Path.Combine(Support.RepositoryLayout.Rulesets, rulesetId);
        var rows = ReferenceRows(File.ReadAllLines(referencePath), first, last);
        var map = CoverageMap(rulesetDirectory);
        var rules = BuiltInRulesets.Load(rulesetId, Support.RepositoryLayout.Rulesets).Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var fixtures = FixtureCatalog.Discover(Path.Combine(rulesetDirectory, "fixtures")).Select(f => f.ToString()).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        var gaps = new List<string>();
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

            if (entry.Gap is { } gap)
            {
                gaps.Add($"§{section} {row}: {gap}");
            }
        }

        var known = rows.ToHashSet();
        failures.AddRange(map.Keys.Where(k => !known.Contains(k)).Select(k => $"§{k.Section} {k.Row}: in coverage.yaml but not in the reference"));
        return (failures, gaps);
    }

    [GeneratedRegex(@"^#{2,3} (\d+(?:\.\d+)?)\.? ")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|[-| :]+\|\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();
}
