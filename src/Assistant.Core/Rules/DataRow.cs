namespace Assistant.Core.Rules;

/// <summary>One row of a <see cref="DataTable"/>; <see cref="Line"/> is its line in the data file.</summary>
public sealed class DataRow(int line, IReadOnlyDictionary<string, string?> values)
{
    public int Line { get; } = line;

    public IReadOnlyDictionary<string, string?> Values { get; } = values;

    public string? Get(string column) => Values.GetValueOrDefault(column);

    public string Require(string column) =>
        Get(column) ?? throw new KeyNotFoundException($"Row at line {Line} has no '{column}'.");
}
