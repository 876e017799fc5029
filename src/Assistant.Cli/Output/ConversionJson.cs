using System.Text;
using System.Text.Json;
using Assistant.Core.Migration.Conversion;
using Assistant.Core.Rules;

namespace Assistant.Cli.Output;

/// <summary><c>convert --json REPORT</c>, schema <c>flowmigrate.convert/1</c> (README, "JSON output").</summary>
internal static class ConversionJson
{
    public const string Schema = "flowmigrate.convert/1";

    public static string Write(string source, string? output, FolderConversion conversion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("source", source);
            if (output is not null)
            {
                json.WriteString("output", output);
            }

            json.WriteStartObject("summary");
            json.WriteNumber("files_converted", conversion.Files.Count(f => f.IsChanged));
            json.WriteNumber("framework_files", conversion.Files.Count);
            json.WriteNumber("flows", conversion.Inventory.Flows.Count);
            json.WriteNumber("converted_lines", conversion.ConvertedLines);
            json.WriteNumber("todos", conversion.TodoCount);
            json.WriteNumber("todos_per_100_lines", Math.Round(conversion.TodosPer100Lines, 2));
            json.WriteNumber("skipped_files", conversion.Skipped.Count);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in conversion.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("ruleset", file.RulesetId);
                json.WriteBoolean("changed", file.IsChanged);
                json.WriteStartArray("flows");
                foreach (var flow in conversion.Inventory.Flows.Where(f => f.File == file.Path))
                {
                    json.WriteStringValue(flow.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("applied_rules");
                foreach (var rule in file.Applied.Where(a => a.Finding.Fix is not null).GroupBy(a => a.Finding.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("rule", rule.Key);
                    json.WriteNumber("count", rule.Count());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("todos");
                foreach (var (line, ruleId, text) in TodoComment.Find(file.After))
                {
                    json.WriteStartObject();
                    json.WriteString("id", $"{ruleId}:{file.Path}:{line}");
                    json.WriteString("rule", ruleId);
                    json.WriteNumber("line", line);
                    json.WriteString("message", text);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("declined");
                foreach (var declined in file.Declined)
                {
                    json.WriteStartObject();
                    json.WriteString("rule", declined.Finding.RuleId);
                    json.WriteNumber("line", declined.Line);
                    json.WriteString("message", declined.Finding.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("errors");
                foreach (var problem in file.Problems)
                {
                    json.WriteStringValue(problem);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("generated");
            foreach (var file in conversion.Generated)
            {
                json.WriteStringValue(file.Path);
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var file in conversion.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("reason", file.ParseError);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
