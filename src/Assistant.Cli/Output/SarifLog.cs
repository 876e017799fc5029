using System.Reflection;
using System.Text;
using System.Text.Json;
using Assistant.Core.Migration.Reporting;

namespace Assistant.Cli.Output;

/// <summary>
/// <c>status --sarif FILE</c>: SARIF 2.1.0 with one result per TODO marker (rule = the marker's rule id, level warning)
/// and one per flow still on Flyte 1 / Prefect 1 (rule <see cref="UnmigratedRule"/>, level note, at the flow's definition);
/// a flow or framework-1 file added after the migration started gets rule <see cref="NewV1Rule"/>, level warning, instead.
/// URIs are repository-relative with <c>/</c>, resolved against <c>%SRCROOT%</c>.
/// </summary>
internal static class SarifLog
{
    public const string Version = "2.1.0";
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string UnmigratedRule = "FM-V1";
    public const string NewV1Rule = "FM-NEW-V1";

    // The project's home page; rule help points at its rule set folders.
    // flowmigrate has no public web address; URNs name the tool and its rules without inventing one.
    public const string InformationUri = "urn:flowmigrate";

    public static string Write(RepositoryReport report)
    {
        var todos = report.Todos;
        var unmigrated = report.Unmigrated;
        var rules = todos.Select(t => t.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", Version);
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "flowmigrate");
            json.WriteString("version", ToolVersion());
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            WriteRule(json, UnmigratedRule, "Flow still on Flyte 1 / Prefect 1: migrate it with flowmigrate migrate --flow ID", InformationUri + ":usage");
            WriteRule(json, NewV1Rule, "Flyte 1 / Prefect 1 code added after the migration started: write it for the new framework, or migrate it too", InformationUri + ":usage:new-v1");
            foreach (var rule in rules)
            {
                WriteRule(json, rule, $"Manual migration TODO left by rule {rule}", $"{InformationUri}:rulesets:{RulesetFolder(rule)}:{rule}");
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("%SRCROOT%");
            json.WriteString("uri", new Uri(report.Root.EndsWith('/') ? report.Root : report.Root + "/").AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var flow in unmigrated)
            {
                var state = FlowStates.Describe(flow.Status);
                if (report.NewCode.IsNew(flow.Status.Id))
                {
                    WriteResult(json, NewV1Rule, "warning", $"{flow.Status.Framework} flow '{flow.Status.Name}' was added after the migration started ({Start(report)}) and is not migrated ({state})", flow.Status.File, flow.Line);
                }
                else
                {
                    WriteResult(json, UnmigratedRule, "note", $"{flow.Status.Framework} flow '{flow.Status.Name}' is not migrated yet ({state})", flow.Status.File, flow.Line);
                }
            }

            foreach (var file in report.NewV1Files)
            {
                WriteResult(json, NewV1Rule, "warning", $"v1 file added after the migration started ({Start(report)})", file, 1);
            }

            foreach (var todo in todos)
            {
                WriteResult(json, todo.RuleId, "warning", $"TODO({todo.RuleId}): {todo.Text}", todo.File, todo.Line);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Start(RepositoryReport report) =>
        report.NewCode.Start is { } start ? $"at {start.Commit[..7]}, {start.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}" : "unknown start";

    private static void WriteRule(Utf8JsonWriter json, string id, string text, string helpUri)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteString("helpUri", helpUri);
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, string ruleId, string level, string message, string file, int line)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join('/', file.Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, line));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string RulesetFolder(string rule) =>
        rule.StartsWith("FLY", StringComparison.Ordinal) ? "flyte1-to-flyte2" : rule.StartsWith("PF2", StringComparison.Ordinal) ? "prefect1-to-prefect2" : "prefect1-to-prefect3";

    private static string ToolVersion()
    {
        var version = typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
