using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>
/// One JSON line between flowmigrate and its user rule host. Requests: <c>project</c> (the modules and files of
/// the project a step runs on, re-parsed by the host's own Python worker), <c>module</c> (the text being analysed),
/// <c>analyze</c>, <c>applies</c>, <c>analyze_file</c>. Answers: <c>ready</c>, <c>ok</c>, <c>findings</c>, <c>applies</c>, <c>error</c>.
/// </summary>
internal sealed record HostMessage(string Op)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Rule { get; init; }

    public int? Project { get; init; }

    public string? Path { get; init; }

    public string? Text { get; init; }

    public string? Ruleset { get; init; }

    public List<string>? Tables { get; init; }

    public List<GeneratedFile>? Modules { get; init; }

    public Dictionary<string, string>? Files { get; init; }

    public RuleOptions? Options { get; init; }

    public bool? Value { get; init; }

    public string? Message { get; init; }

    public List<TransferredFinding>? Findings { get; init; }

    public List<HostedRule>? Rules { get; init; }

    public List<FrameworkAlias>? Aliases { get; init; }

    public List<string>? Errors { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static HostMessage Parse(string line) => JsonSerializer.Deserialize<HostMessage>(line, Json) ?? throw new JsonException("empty message");
}
