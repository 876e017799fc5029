using System.Collections.Concurrent;

namespace Assistant.Core.Rules;

/// <summary>
/// A ruleset mapping table (imports, parameter renames, units, GPU names…): rows of named string
/// columns, loaded from <c>rulesets/&lt;id&gt;/tables/&lt;name&gt;.yaml</c>. Each row remembers its source line.
/// Immutable once made (<paramref name="rows"/> is not changed afterwards): rules look names up in the same few tables for
/// every node of every module on every pass, so a column is indexed on its first look-up and the index is kept.
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

    // One index per column looked up: each value's first row. A look-up in a column already indexed takes no lock.
    private readonly ConcurrentDictionary<string, Dictionary<string, DataRow>> _indexes = new(StringComparer.Ordinal);

    /// <summary>The first row whose <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public DataRow? Find(string column, string value) =>
        value is null
            // A row without the column matches null: no index holds that.
            ? Rows.FirstOrDefault(r => r.Get(column) is null)
            : (_indexes.TryGetValue(column, out var index) ? index : _indexes.GetOrAdd(column, Index)).GetValueOrDefault(value);

    /// <summary><paramref name="resultColumn"/> of the first row whose <paramref name="keyColumn"/> is <paramref name="key"/>.</summary>
    public string? Lookup(string keyColumn, string key, string resultColumn) => Find(keyColumn, key)?.Get(resultColumn);

    private Dictionary<string, DataRow> Index(string column)
    {
        var index = new Dictionary<string, DataRow>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            if (row.Get(column) is { } value)
            {
                index.TryAdd(value, row);
            }
        }

        return index;
    }
}
