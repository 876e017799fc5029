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
        var kind = element.GetProperty("_").GetString()!;
        var fields = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var hasPosition = !element.TryGetProperty("np", out _);
        TextSpan span = default;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "_" or "np":
                    break;
                case "s":
                    span = new TextSpan(property.Value.GetInt32(), element.GetProperty("e").GetInt32());
                    break;
                case "e":
                    break;
                default:
                    fields[property.Name] = ReadField(property.Value);
                    break;
            }
        }

        if (!element.TryGetProperty("s", out _))
        {
            hasPosition = false;
        }

        return new SyntaxNode(kind, span, hasPosition, fields.ToImmutable());
    }

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

    private static SyntaxNode Placeholder() => new("Missing", default, false, ImmutableDictionary<string, object?>.Empty);
}
