using System.Text;
using System.Text.Json;
using Assistant.Core.Python;

namespace Assistant.Core.Tests.Python;

public sealed class RequestLineTests
{
    private sealed record Manifest(string Module, IReadOnlyList<string> Names);

    public static TheoryData<string> Shapes => ["parse", "check_syntax_batch", "import_check", "overrides", "empty", "long_texts"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Should_Write_What_The_Serializer_Writes_For_The_Same_Request(string shape)
    {
        // Given the arguments of a kind of request
        var arguments = Arguments(shape);

        // When its line is written, and when the serializer writes the dictionary with id and op added
        var line = await WriteAsync(arguments);
        var expected = JsonSerializer.Serialize(new Dictionary<string, object?>(arguments) { ["id"] = 42L, ["op"] = "op_name" });

        // Then the two are the same text
        Assert.Equal(expected, line);
    }

    private static async Task<string> WriteAsync(IReadOnlyDictionary<string, object?> arguments)
    {
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream))
        {
            await RequestLine.WriteAsync(writer, arguments, 42, "op_name", CancellationToken.None);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Texts longer than a segment, escaped characters and a surrogate pair across each segment boundary.
    private static string LongText(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append("def f(x):\n    return \"<é>\" & 'y' + x\t# \u2028 \U0001F600 \\ \u0001\n");
        }

        for (var boundary = RequestLine.SegmentCharacters - 1; boundary + 1 < text.Length; boundary += RequestLine.SegmentCharacters)
        {
            text[boundary] = '\uD83D';
            text[boundary + 1] = '\uDE00';
        }

        return text.ToString(0, length);
    }

    private static Dictionary<string, object?> Arguments(string shape) => shape switch
    {
        "parse" => new() { ["text"] = "x = \"<é>\" & 'y'\n\tz = \\u00e9 + \u2028\n", ["path"] = "pkg/mod é.py", ["comments"] = true },
        "check_syntax_batch" => new()
        {
            ["files"] = new List<Dictionary<string, object?>>
            {
                new() { ["path"] = "a.py", ["text"] = "import flytekit\n" },
                new() { ["path"] = "b.py", ["text"] = string.Empty },
            },
        },
        "import_check" => new()
        {
            ["root"] = "/tmp/repo",
            ["modules"] = new[] { "a", "b.c" },
            ["standins"] = new List<object?> { new Manifest("flyte", ["TaskEnvironment", "map"]), null },
            ["cache_dir"] = null,
            ["timeout"] = 12.5,
            ["strict"] = false,
            ["files"] = new Dictionary<string, string> { ["a.py"] = "x = 1\n" },
            ["limits"] = new List<int> { 1, 2, 3 },
            ["count"] = 7,
            ["nested"] = new Dictionary<string, object?> { ["deeper"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1, "two", 3L, true } } },
        },
        "long_texts" => new()
        {
            ["files"] = new List<Dictionary<string, object?>>
            {
                new() { ["path"] = "a.py", ["text"] = LongText(RequestLine.SegmentCharacters * 40) },
                new() { ["path"] = "b.py", ["text"] = LongText((RequestLine.SegmentCharacters * 3) + 17) },
                new() { ["path"] = "c.py", ["text"] = LongText(RequestLine.SegmentCharacters + 1) },
            },
        },
        "overrides" => new() { ["op"] = "ignored", ["text"] = "t", ["id"] = 7 },
        _ => new(),
    };
}
