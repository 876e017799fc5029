using System.Text.Json;
using Assistant.Core.Python;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>The generated stand-ins carry the manifests' real signatures (a sample of every manifest).</summary>
public sealed class StandInSignatureTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly Dictionary<string, int> s_kindOrder = new()
    {
        ["positional_only"] = 0,
        ["positional_or_keyword"] = 1,
        ["var_positional"] = 2,
        ["keyword_only"] = 3,
        ["var_keyword"] = 4,
    };

    private readonly PythonWorker _worker = shared.Worker;

    [Theory]
    [InlineData("flyte")]
    [InlineData("flytekit")]
    [InlineData("prefect1")]
    [InlineData("prefect2")]
    [InlineData("prefect3")]
    public async Task Should_Generate_The_Manifests_Signatures(string framework)
    {
        var manifestPath = CheckWorkspace.ManifestPath(framework);
        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var expected = Sample(manifest.RootElement);

        var answer = await _worker.SendAsync("standin_signatures", new Dictionary<string, object?>
        {
            ["manifest"] = manifestPath,
            ["cache_dir"] = CheckWorkspace.StandInCache,
            ["names"] = expected.Keys.ToList(),
        }, TimeSpan.FromSeconds(60));

        var signatures = answer.GetProperty("signatures");
        Assert.True(expected.Count >= 20, $"sample too small: {expected.Count}");
        foreach (var (name, parameters) in expected)
        {
            var actual = signatures.GetProperty(name);
            Assert.True(actual.ValueKind == JsonValueKind.Array, $"{name}: {actual}");
            var got = actual.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("kind").GetString()}:{p.GetProperty("has_default").GetBoolean()}").ToList();
            Assert.True(parameters.SequenceEqual(got), $"{name}\n expected {string.Join(", ", parameters)}\n got      {string.Join(", ", got)}");
        }
    }

    [Fact]
    public async Task Should_Define_The_Central_Constructors_With_Their_Real_Parameters()
    {
        var answer = await _worker.SendAsync("standin_signatures", new Dictionary<string, object?>
        {
            ["manifest"] = CheckWorkspace.ManifestPath("flyte"),
            ["cache_dir"] = CheckWorkspace.StandInCache,
            ["names"] = new[] { "flyte:Resources", "flyte:Trigger" },
        });

        var names = answer.GetProperty("signatures").GetProperty("flyte:Resources").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["cpu", "memory", "gpu", "disk", "shm"], names);
        var trigger = answer.GetProperty("signatures").GetProperty("flyte:Trigger").EnumerateArray().ToList();
        Assert.Equal(("name", false), (trigger[0].GetProperty("name").GetString(), trigger[0].GetProperty("has_default").GetBoolean()));
        Assert.Equal(("automation", false), (trigger[1].GetProperty("name").GetString(), trigger[1].GetProperty("has_default").GetBoolean()));
    }

    /// <summary>Every 7th export with parameters and every 23rd method, in manifest order: "module:Name[.method]" → "name:kind:has_default".</summary>
    private static Dictionary<string, List<string>> Sample(JsonElement manifest)
    {
        var sample = new Dictionary<string, List<string>>();
        var exportIndex = 0;
        var methodIndex = 0;
        foreach (var module in manifest.GetProperty("modules").EnumerateObject())
        {
            foreach (var export in module.Value.GetProperty("exports").EnumerateObject())
            {
                var entry = export.Value;
                var kind = entry.TryGetProperty("kind", out var k) ? k.GetString() : null;
                if (kind is not ("function" or "class") || !IsIdentifier(export.Name))
                {
                    continue;
                }

                if (entry.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array && exportIndex++ % 7 == 0)
                {
                    sample.TryAdd($"{module.Name}:{export.Name}", Describe(parameters));
                }

                if (kind == "class" && entry.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Object)
                {
                    foreach (var method in methods.EnumerateObject())
                    {
                        if (method.Name == "__init__" || IsProperty(method.Value) || methodIndex++ % 23 != 0)
                        {
                            continue;
                        }

                        sample.TryAdd($"{module.Name}:{export.Name}.{method.Name}", Describe(method.Value.GetProperty("params")));
                    }
                }
            }
        }

        return sample;
    }

    // A tuple field accessor (default "cast(T, property(itemgetter(0)))") is the real constructor's required positional argument.
    private static List<string> Describe(JsonElement parameters) => parameters.EnumerateArray()
        .Select(p => IsTupleField(p) ? (Name: p.GetProperty("name").GetString(), Kind: "positional_or_keyword", Default: false)
            : (Name: p.GetProperty("name").GetString(), Kind: p.GetProperty("kind").GetString()!, Default: HasDefault(p)))
        .Select((p, i) => (p, i))
        .OrderBy(x => s_kindOrder.GetValueOrDefault(x.p.Kind, 1)).ThenBy(x => x.i)
        .Select(x => $"{x.p.Name}:{x.p.Kind}:{x.p.Default}")
        .ToList();

    private static bool IsTupleField(JsonElement parameter) =>
        parameter.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String && d.GetString()!.Contains("property(itemgetter(", StringComparison.Ordinal);

    private static bool HasDefault(JsonElement parameter) =>
        parameter.GetProperty("kind").GetString() is not ("var_positional" or "var_keyword")
        && parameter.TryGetProperty("default", out var d) && d.ValueKind != JsonValueKind.Null;

    private static bool IsProperty(JsonElement method) =>
        (method.TryGetProperty("kind", out var kind) && kind.GetString() == "property")
        || (method.TryGetProperty("decorators", out var decorators) && decorators.ValueKind == JsonValueKind.Array
            && decorators.EnumerateArray().Any(d => d.GetString() is { } text && (text == "property" || text.EndsWith(".setter", StringComparison.Ordinal))));

    private static bool IsIdentifier(string name) => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
