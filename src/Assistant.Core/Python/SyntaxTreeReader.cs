using System.Collections.Immutable;
using System.Text.Json;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python;

/// <summary>Turns the worker's JSON encoding of an <c>ast</c> tree into <see cref="SyntaxNode"/>s.</summary>
internal static class SyntaxTreeReader
{
    public static SyntaxNode Read(JsonElement element)
    {
        // One pass over the properties: "_" kind, "s"/"e" span, "np" = span derived from children.
        string? kind = null;
        int? start = null;
        var end = 0;
        var derived = false;
        var fields = new List<KeyValuePair<string, object?>>(4);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            switch (name)
            {
                case "_":
                    kind = FieldName(property.Value.GetString()!);
                    break;
                case "np":
                    derived = true;
                    break;
                case "s":
                    start = property.Value.GetInt32();
                    break;
                case "e":
                    end = property.Value.GetInt32();
                    break;
                default:
                    fields.Add(new KeyValuePair<string, object?>(FieldName(name), ReadField(property.Value)));
                    break;
            }
        }

        var span = start is { } s ? new TextSpan(s, end) : default;
        return new SyntaxNode(kind ?? throw new JsonException("A syntax node without a kind (\"_\")."), span, start is not null && !derived, fields.ToArray());
    }

    // Field names repeat across every node: share one string per name instead of one per occurrence.
    private static string FieldName(string name) => string.IsInterned(name) ?? name;

    private static object? ReadField(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Read(value),
        JsonValueKind.Array => ReadList(value),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => null,
    };

    private static object ReadList(JsonElement value)
    {
        // Lists hold either nodes (None entries, as in kw_defaults, become placeholders so indexes
        // stay aligned) or scalars (Global/Nonlocal names, comparison operators).
        var isNodeList = value.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.Object);
        if (!isNodeList && value.GetArrayLength() > 0)
        {
            var scalars = value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText()).ToImmutableArray();
            return string.Join(",", scalars);
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Object ? Read(item) : Placeholder())
            .ToImmutableArray();
    }

    private static SyntaxNode Placeholder() => new("Missing", default, false, []);
}
