namespace Assistant.Core.Rules;

/// <summary>The data tables of one ruleset, by name.</summary>
public sealed class RulesetTables(IReadOnlyDictionary<string, DataTable> tables)
{
    public static RulesetTables Empty { get; } = new(new Dictionary<string, DataTable>());

    public IEnumerable<string> Names => tables.Keys.Order(StringComparer.Ordinal);

    public DataTable this[string name] => tables.TryGetValue(name, out var table)
        ? table
        : throw new KeyNotFoundException($"The ruleset has no table '{name}' (has: {string.Join(", ", Names)}).");

    public bool TryGet(string name, out DataTable table) => tables.TryGetValue(name, out table!);
}
