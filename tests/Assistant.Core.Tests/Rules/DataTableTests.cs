using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rules;

/// <summary><see cref="DataTable.Find"/>, indexed, gives the first row with the value, for every cell of every shipped table.</summary>
public sealed class DataTableTests
{
    [Fact]
    public void Find_Should_Give_The_First_Row_With_The_Value_For_Every_Value_Of_Every_Column_Of_The_Shipped_Tables()
    {
        var tables = BuiltInRulesets.Ids(RepositoryLayout.Rulesets)
            .Select(id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets).Tables)
            .SelectMany(t => t.Names.Select(name => t[name]))
            .ToList();
        var checkedCells = 0;

        foreach (var table in tables)
        {
            var columns = table.Rows.SelectMany(r => r.Values.Keys).Distinct().ToList();
            foreach (var column in columns)
            {
                foreach (var value in table.Rows.Select(r => r.Get(column)).OfType<string>().Append("no such value").Append(string.Empty))
                {
                    Assert.Same(table.Rows.FirstOrDefault(r => r.Get(column) == value), table.Find(column, value));
                    checkedCells++;
                }
            }
        }

        Assert.True(checkedCells > 100, $"only {checkedCells} cells checked");
    }

    [Fact]
    public void Find_Should_Give_The_First_Of_Rows_Sharing_A_Value_And_None_For_A_Missing_Column()
    {
        var first = new DataRow(1, new Dictionary<string, string?> { ["old"] = "a", ["new"] = "x" });
        var second = new DataRow(2, new Dictionary<string, string?> { ["old"] = "a", ["new"] = "y" });
        var third = new DataRow(3, new Dictionary<string, string?> { ["new"] = "z" });
        var table = new DataTable("t", "t.yaml", [first, second, third]);

        Assert.Same(first, table.Find("old", "a"));
        Assert.Equal("x", table.Lookup("old", "a", "new"));
        Assert.Same(third, table.Find("new", "z"));
        Assert.Null(table.Find("missing", "a"));
        Assert.Null(table.Find("old", "z"));
    }
}
