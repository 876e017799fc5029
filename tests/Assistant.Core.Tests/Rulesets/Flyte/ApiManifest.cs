using System.Text.Json;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>Looks names up in an API manifest (<c>api/flyte.json</c>, <c>api/flytekit.json</c>): modules, their exports, members and parameters.</summary>
internal sealed class ApiManifest
{
    private readonly JsonElement _modules;

    private ApiManifest(JsonElement modules) => _modules = modules;

    public static ApiManifest Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("modules"));

    /// <summary>The entry of a fully qualified name (<c>flyte.io.File</c>, <c>flyte.Image.with_pip_packages</c>), or null.</summary>
    public JsonElement? Find(string qualified)
    {
        if (_modules.TryGetProperty(qualified, out var whole))
        {
            return whole;
        }

        var parts = qualified.Split('.');
        for (var i = parts.Length - 1; i > 0; i--)
        {
            if (!_modules.TryGetProperty(string.Join('.', parts.Take(i)), out var module))
            {
                continue;
            }

            if (!module.GetProperty("exports").TryGetProperty(parts[i], out var node))
            {
                return null;
            }

            foreach (var member in parts.Skip(i + 1))
            {
                if (node.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Object && methods.TryGetProperty(member, out var method))
                {
                    node = method;
                }
                else
                {
                    return null;
                }
            }

            return node;
        }

        return null;
    }

    public bool Exists(string qualified) => Find(qualified) is not null;

    /// <summary>Parameter names of a function, method or class constructor, with their defaults as the manifest writes them
    /// (<c>'spawn'</c>, <c>None</c>, <c>&lt;factory: …&gt;</c>; null for a parameter without one).</summary>
    public IReadOnlyList<(string Name, string? Default)> ParametersWithDefaults(string qualified)
    {
        var node = Find(qualified) ?? throw new KeyNotFoundException(qualified);
        return node.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array
            ? parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)).ToList()
            : [];
    }

    /// <summary>Parameter names of a function, method or class constructor.</summary>
    public IReadOnlyList<string> Parameters(string qualified)
    {
        var node = Find(qualified) ?? throw new KeyNotFoundException(qualified);
        return node.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array
            ? parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList()
            : [];
    }
}
