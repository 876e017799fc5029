namespace Assistant.Core.Rules;

/// <summary>
/// A ruleset mapping table (imports, parameter renames, units, GPU names…): rows of named string
/// columns, loaded from <c>rulesets/&lt;id&gt;/tables/&lt;name&gt;.yaml</c>. Each row remembers its source line.
/// </summary>
public sealed class DataTable(string name, string path, IReadOnlyList<DataRow> rows)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public IReadOnlyList<DataRow> Rows { get; } = rows;

    /// <summary>The columns the file declares, in its order (empty for a table built in code).</summary>
    public IReadOnlyList<DataColumn> Columns { get; init; } = [];

    /// <summary>The comment at the top of the file: what the table maps and where the facts come from.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The first row whose <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public DataRow? Find(string column, string value) => Rows.FirstOrDefault(r => r.Get(column) == value);

    /// <summary><paramref name="resultColumn"/> of the first row whose <paramref name="keyColumn"/> is <paramref name="key"/>.</summary>
    public string? Lookup(string keyColumn, string key, string resultColumn) => Find(keyColumn, key)?.Get(resultColumn);
}
