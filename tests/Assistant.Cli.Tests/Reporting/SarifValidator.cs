using System.Text.Json;

namespace Assistant.Cli.Tests.Reporting;

/// <summary>
/// The required properties of SARIF 2.1.0 (sarif-schema-2.1.0.json), checked by hand: sarifLog {version "2.1.0", runs},
/// run {tool}, tool {driver}, toolComponent {name}, reportingDescriptor {id}, result {message}, message {text or id},
/// location and physicalLocation (artifactLocation or address), artifactLocation (uri when present is a URI reference),
/// region (startLine ≥ 1). Returns the problems, empty when valid.
/// </summary>
internal static class SarifValidator
{
    public static IReadOnlyList<string> Problems(JsonElement log)
    {
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        Require(Str(log, "version") == "2.1.0", "sarifLog.version must be \"2.1.0\"");
        Require(Str(log, "$schema") is { } schema && Uri.IsWellFormedUriString(schema, UriKind.Absolute), "sarifLog.$schema must be an absolute URI");
        Require(log.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array, "sarifLog.runs is required (array)");
        if (problems.Count > 0)
        {
            return problems;
        }

        foreach (var run in runs.EnumerateArray())
        {
            Require(run.TryGetProperty("tool", out var tool) && tool.TryGetProperty("driver", out _), "run.tool.driver is required");
            var driver = tool.GetProperty("driver");
            Require(Str(driver, "name") is { Length: > 0 }, "toolComponent.name is required");
            Require(Str(driver, "version") is { Length: > 0 }, "toolComponent.version expected");
            Require(Str(driver, "informationUri") is { } info && Uri.IsWellFormedUriString(info, UriKind.Absolute), "toolComponent.informationUri must be an absolute URI");
            var ruleIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in driver.TryGetProperty("rules", out var rules) ? rules.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                Require(Str(rule, "id") is { Length: > 0 }, "reportingDescriptor.id is required");
                Require(rule.TryGetProperty("shortDescription", out var description) && Str(description, "text") is { Length: > 0 }, "reportingDescriptor.shortDescription.text is required");
                Require(Str(rule, "helpUri") is { } help && Uri.IsWellFormedUriString(help, UriKind.Absolute), "reportingDescriptor.helpUri must be an absolute URI");
                ruleIds.Add(Str(rule, "id") ?? string.Empty);
            }

            foreach (var result in run.TryGetProperty("results", out var results) ? results.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                Require(result.TryGetProperty("message", out var message) && (Str(message, "text") is { Length: > 0 } || Str(message, "id") is not null), "result.message.text is required");
                Require(Str(result, "ruleId") is { } id && ruleIds.Contains(id), "result.ruleId must name a rule of the driver");
                Require(Str(result, "level") is "none" or "note" or "warning" or "error", "result.level must be none, note, warning or error");
                foreach (var location in result.TryGetProperty("locations", out var locations) ? locations.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    Require(location.TryGetProperty("physicalLocation", out var physical), "location.physicalLocation expected");
                    Require(physical.TryGetProperty("artifactLocation", out var artifact) || physical.TryGetProperty("address", out _), "physicalLocation needs artifactLocation or address");
                    Require(Str(artifact, "uri") is { } uri && Uri.IsWellFormedUriString(uri, UriKind.RelativeOrAbsolute), "artifactLocation.uri must be a URI reference");
                    Require(physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var line) && line.GetInt32() >= 1, "region.startLine must be ≥ 1");
                }
            }
        }

        return problems;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
