using Assistant.Core.Rules;
using Assistant.Core.Rules.Loading;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.Loading;

/// <summary>A broken manifest or table fails the load with the file, line and field at fault.</summary>
public sealed class RulesetLoaderErrorTests : IDisposable
{
    private const string Manifest = """
        id: demo
        name: Demo
        version: 0.1.0
        source:
          framework: old
          versions: "1"
        target:
          framework: new
          versions: "2"
        steps:
          - id: first
            title: First
            description: The first step
            rules: [DEMO1]
          - id: second
            title: Second
            description: The second step
            rules: [DEMO2]
        tables: [names]
        """;

    private const string Table = """
        columns:
          old: the old name
          new?: the new name
        rows:
          - {old: a, new: b}
          - {old: c}
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_Valid_Ruleset_Should_Load_With_Rules_In_Manifest_Order_And_Row_Lines()
    {
        var ruleset = Load(Manifest, Table);

        Assert.Equal(["DEMO1", "DEMO2"], ruleset.Rules.Select(r => r.Descriptor.Id));
        Assert.Equal([5, 6], ruleset.Tables["names"].Rows.Select(r => r.Line));
        Assert.Null(ruleset.Tables["names"].Rows[1].Get("new"));
    }

    [Theory]
    [InlineData("  versions: \"2\"\n", "", 8, "target.versions", "is required")]
    [InlineData("steps:", "stpes:", 10, "stpes", "unknown field")]
    [InlineData("rules: [DEMO2]", "rules: [DEMO2, DEMO1]", 18, "steps[second].rules", "'DEMO1' is listed twice (first at line 14)")]
    [InlineData("rules: [DEMO2]", "rules: [DEMO2, DEMO9]", 18, "steps[second].rules", "'DEMO9' is listed but no such rule exists")]
    [InlineData("  - id: second", "  - id: later", 18, "steps[later].rules", "'DEMO2' is listed under step 'later' but declares step 'second'")]
    [InlineData("tables: [names]", "tables: [names, units]", 19, "tables", "'units' has no file tables/units.yaml")]
    [InlineData("    title: Second\n", "", 15, "steps[second].title", "is required")]
    [InlineData("id: demo\n", "id: demo\n  bad: [\n", 2, "(syntax)", "")]
    public void A_Broken_Manifest_Should_Name_The_Line_And_Field(string find, string replace, int line, string field, string problem)
    {
        var broken = Manifest.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Manifest, broken);

        var error = Assert.Throws<RulesetLoadException>(() => Load(broken, Table));

        Assert.Equal(Path.Combine(_directory.Path, "ruleset.yaml"), error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("  - {old: c}", "  - {old: c, nwe: d}", 6, "nwe", "unknown column (the table declares: old, new)")]
    [InlineData("  - {old: c}", "  - {new: d}", 6, "old", "is required in every row")]
    [InlineData("columns:\n  old: the old name\n  new?: the new name\n", "", 1, "columns", "is required")]
    [InlineData("  new?: the new name", "  new?:", 3, "columns.new?", "expected a one-line description")]
    [InlineData("rows:", "row:", 4, "row", "unknown field")]
    [InlineData("  - {old: c}", "  - {old: [c, {x: 1}]}", 6, "old", "expected a value or a list of values")]
    public void A_Broken_Table_Should_Name_The_Line_And_Column(string find, string replace, int line, string field, string problem)
    {
        var broken = Table.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Table, broken);

        var error = Assert.Throws<RulesetLoadException>(() => Load(Manifest, broken));

        Assert.Equal(Path.Combine(_directory.Path, "tables", "names.yaml"), error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{error.File}:{line}: {field}: ", error.Message);
    }

    [Fact]
    public void A_Table_File_The_Manifest_Does_Not_List_Should_Be_Named()
    {
        _directory.Write("tables/unit.yaml", Table);

        var error = Assert.Throws<RulesetLoadException>(() => Load(Manifest, Table));

        Assert.Equal(Path.Combine(_directory.Path, "tables", "unit.yaml"), error.File);
        Assert.Contains("not listed under 'tables'", error.Message);
    }

    private Ruleset Load(string manifest, string table)
    {
        _directory.Write("ruleset.yaml", manifest);
        _directory.Write("tables/names.yaml", table);
        return RulesetLoader.Load(_directory.Path, [new StepRule("DEMO1", "first"), new StepRule("DEMO2", "second")], []);
    }

    private sealed class StepRule(string id, string step) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new(id, "demo-" + id, step, Safety.Safe, "Does nothing.", "A test rule.", string.Empty);

        public IEnumerable<Finding> Analyze(RuleContext context) => [];
    }
}
