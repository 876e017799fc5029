using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Rules.Loading;

/// <summary>
/// Reads <c>tables/&lt;name&gt;.yaml</c>: a mapping with optional <c>columns</c> (the schema: column
/// name → description; a column ending in <c>?</c> is optional) and <c>rows</c>, a list of mappings
/// of column → value. Unknown or missing columns fail with the file, line and column name.
/// </summary>
public static class DataTableReader
{
    public static DataTable Read(string name, string file, string text)
    {
        var yaml = new YamlReader(file);
        var root = yaml.Mapping(yaml.Load(text), "(document)");
        var columns = yaml.Optional(root, "columns") is { } schema
            ? yaml.Mapping(schema, "columns").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList()
            : null;
        var required = columns?.Where(c => !c.EndsWith('?')).ToList() ?? [];
        var known = columns?.Select(c => c.TrimEnd('?')).ToHashSet(StringComparer.Ordinal);
        var rows = new List<DataRow>();
        foreach (var item in yaml.Sequence(yaml.Required(root, "rows"), "rows").Children)
        {
            var mapping = yaml.Mapping(item, "rows[]");
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                var column = ((YamlScalarNode)key).Value!;
                if (known is not null && !known.Contains(column))
                {
                    throw yaml.Error(key, column, $"unknown column (the table declares: {string.Join(", ", known)})");
                }

                values[column] = value switch
                {
                    YamlScalarNode scalar => scalar.Value is "~" or "null" ? null : scalar.Value,
                    YamlSequenceNode list => string.Join("|", list.Children.Select(c => ((YamlScalarNode)c).Value)),
                    _ => throw yaml.Error(value, column, "expected a value or a list of values"),
                };
            }

            foreach (var column in required.Where(c => !values.ContainsKey(c)))
            {
                throw yaml.Error(mapping, column, "is required in every row");
            }

            rows.Add(new DataRow((int)mapping.Start.Line, values));
        }

        return new DataTable(name, file, rows);
    }
}
