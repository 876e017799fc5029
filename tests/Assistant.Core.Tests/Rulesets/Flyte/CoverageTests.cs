using Assistant.Core.Tests.Support;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>
/// Every table row of reference/flyte.md §2–§18, read at test time from the copy shipped in
/// rulesets/flyte1-to-flyte2/reference/ (kept equal to ../shared by <see cref="ShippedReferenceTests"/>), must be mapped in
/// rulesets/flyte1-to-flyte2/coverage.yaml to an existing rule of the ruleset and an existing fixture.
/// </summary>
public sealed class CoverageTests(ITestOutputHelper output)
{
    private static readonly string Reference = Path.Combine(RepositoryLayout.Rulesets, "flyte1-to-flyte2", "reference", "flyte.md");

    [Fact]
    public void Every_Reference_Table_Row_Should_Map_To_An_Existing_Rule_And_Fixture()
    {
        var rows = ReferenceCoverage.ReferenceRows(File.ReadAllLines(Reference), 2, 18);
        Assert.True(rows.Count > 200, $"only {rows.Count} rows parsed from {Reference}: the table parser is broken");
        var (failures, _) = ReferenceCoverage.Check("flyte1-to-flyte2", Reference, 2, 18);
        output.WriteLine($"{rows.Count - failures.Count}/{rows.Count} reference rows covered");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
