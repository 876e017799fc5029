using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Rules.Loading;

/// <summary>
/// Reads <c>tables/&lt;name&gt;.yaml</c>: a mapping with <c>columns</c> (the schema: column name →
/// description; a column ending in <c>?</c> is optional) and <c>rows</c>, a list of mappings of
/// column → value (a list of values is joined with <c>|</c>). Unknown or missing columns fail with
/// the file, line and column name. The format is documented in <c>rulesets/README.md</c>.
/// </summary>
public static class DataTableReader
{
    public static DataTable Read(string name, string file, string text)
    {
        var yaml = new YamlReader(file);
        var root = yaml.Mapping(yaml.Load(text), "(document)");
        yaml.OnlyKnownFields(root, string.Empty, ["columns", "rows"]);
        var columns = Columns(yaml, yaml.Mapping(yaml.Required(root, "columns"), "columns"));
        var required = columns.Where(c => !c.Optional).Select(c => c.Name).ToList();
        var known = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rows = new List<DataRow>();
        foreach (var item in yaml.Sequence(yaml.Required(root, "rows"), "rows").Children)
        {
            var mapping = yaml.Mapping(item, "rows[]");
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                var column = ((YamlScalarNode)key).Value!;
                if (!known.Contains(column))
                {
                    throw yaml.Error(key, column, $"unknown column (the table declares: {string.Join(", ", known)})");
                }

                values[column] = value switch
                {
                    YamlScalarNode scalar => scalar.Value is "~" or "null" ? null : scalar.Value,
                    YamlSequenceNode list => string.Join("|", list.Children.Select(c => c is YamlScalarNode item ? item.Value : throw yaml.Error(c, column, "expected a value or a list of values"))),
                    _ => throw yaml.Error(value, column, "expected a value or a list of values"),
                };
            }

            foreach (var column in required.Where(c => !values.ContainsKey(c)))
            {
                throw yaml.Error(mapping, column, "is required in every row");
            }

            rows.Add(new DataRow((int)mapping.Start.Line, values));
        }

        return new DataTable(name, file, rows) { Columns = columns, Description = LeadingComment(text) };
    }

    private static string LeadingComment(string text) =>
        string.Join(' ', text.ReplaceLineEndings("\n").Split('\n')
            .TakeWhile(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim()));

    private static List<DataColumn> Columns(YamlReader yaml, YamlMappingNode schema)
    {
        var columns = new List<DataColumn>();
        foreach (var (key, description) in schema.Children)
        {
            var column = (key as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(column) || column == "?")
            {
                throw yaml.Error(key, "columns", "a column needs a name");
            }

            if (description is not YamlScalarNode { Value: { Length: > 0 } text })
            {
                throw yaml.Error(description, $"columns.{column}", "expected a one-line description of the column");
            }

            columns.Add(new DataColumn(column.TrimEnd('?'), text, column.EndsWith('?')));
        }

        return columns.Count == 0 ? throw yaml.Error(schema, "columns", "declares no column") : columns;
    }
}
