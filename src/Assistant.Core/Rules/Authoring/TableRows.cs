using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// <see cref="DataTable.Find"/> by a dictionary: rules look names up in the same few tables for every node of every module
/// on every pass, and <see cref="DataTable.Find"/> scans the rows each time. A table is immutable once loaded, so the index
/// of one of its columns is built on the first lookup and kept with the table.
/// </summary>
public static class TableRows
{
    private static readonly ConditionalWeakTable<DataTable, ColumnIndexes> Indexes = new();

    /// <summary>The first row whose <paramref name="column"/> equals <paramref name="value"/>: what <see cref="DataTable.Find"/> gives.</summary>
    public static DataRow? FirstWith(this DataTable table, string column, string value)
    {
        if (value is null)
        {
            // A row without the column matches null: no index holds that.
            return table.Find(column, value!);
        }

        return Indexes.GetValue(table, static t => new ColumnIndexes(t)).Of(column).GetValueOrDefault(value);
    }

    /// <summary><paramref name="resultColumn"/> of the first row whose <paramref name="keyColumn"/> is <paramref name="key"/>: what <see cref="DataTable.Lookup"/> gives.</summary>
    public static string? LookupWith(this DataTable table, string keyColumn, string key, string resultColumn) =>
        table.FirstWith(keyColumn, key)?.Get(resultColumn);

    // One dictionary per column asked for; a lookup of a column already indexed takes no lock.
    private sealed class ColumnIndexes(DataTable table)
    {
        private readonly ConcurrentDictionary<string, Dictionary<string, DataRow>> _byColumn = new(StringComparer.Ordinal);

        public Dictionary<string, DataRow> Of(string column) =>
            _byColumn.TryGetValue(column, out var index) ? index : _byColumn.GetOrAdd(column, Build);

        private Dictionary<string, DataRow> Build(string column)
        {
            var index = new Dictionary<string, DataRow>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                if (row.Get(column) is { } value)
                {
                    // The first row with a value wins, as Find returns the first match.
                    index.TryAdd(value, row);
                }
            }

            return index;
        }
    }
}
