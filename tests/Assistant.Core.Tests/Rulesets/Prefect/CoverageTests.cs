using Assistant.Core.Tests.Support;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets.Prefect;

/// <summary>
/// Every table row of reference/prefect.md §1–§21, read at test time from the copy shipped in
/// rulesets/prefect1-common/reference/ (kept equal to ../shared by <see cref="ShippedReferenceTests"/>), must be listed in
/// each Prefect ruleset's coverage.yaml with a rule of that ruleset and an existing fixture of that target.
/// A row listed with a <c>gap</c> (handled by the rule, but no fixture shows that exact row) fails the checklist too.
/// </summary>
public sealed class CoverageTests(ITestOutputHelper output)
{
    private static readonly string Reference = Path.Combine(RepositoryLayout.Rulesets, "prefect1-common", "reference", "prefect.md");

    [Theory]
    [InlineData("prefect1-to-prefect2")]
    [InlineData("prefect1-to-prefect3")]
    public void Every_Reference_Table_Row_Should_Map_To_An_Existing_Rule_And_Fixture(string rulesetId)
    {
        var rows = ReferenceCoverage.ReferenceRows(File.ReadAllLines(Reference), 1, 21);
        Assert.True(rows.Count > 300, $"only {rows.Count} rows parsed from {Reference}: the table parser is broken");
        var (failures, gaps) = ReferenceCoverage.Check(rulesetId, Reference, 1, 21);
        output.WriteLine($"{rows.Count - failures.Count - gaps.Count}/{rows.Count} reference rows listed with a fixture that shows them");
        Assert.True(failures.Count + gaps.Count == 0, string.Join("\n", failures.Concat(gaps)));
    }
}
