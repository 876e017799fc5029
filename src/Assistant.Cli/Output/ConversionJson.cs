using System.Buffers;
using System.Text.Json;
using Assistant.Core.Migration.Conversion;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;

namespace Assistant.Cli.Output;

/// <summary>
/// <c>convert --json REPORT</c>, schema <c>flowmigrate.convert/2</c> (README, convert): <c>/2</c> adds the behaviour
/// check (<c>summary.behaviour</c> and <c>files[].behaviour</c>, null without <c>--check</c>).
/// </summary>
internal static class ConversionJson
{
    public const string Schema = "flowmigrate.convert/2";

    /// <summary>Writes the report as UTF-8 JSON into <paramref name="report"/> (without a final newline).</summary>
    public static void Write(IBufferWriter<byte> report, string source, string? output, FolderConversion conversion, ConversionBehaviour? behaviour = null)
    {
        using (var json = new Utf8JsonWriter(report, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
            WriteSummary(json, behaviour);
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
                WriteFile(json, behaviour?.Files.FirstOrDefault(b => b.Path == file.Path));
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
    }

    private static void WriteSummary(Utf8JsonWriter json, ConversionBehaviour? behaviour)
    {
        if (behaviour is null)
        {
            json.WriteNull("behaviour");
            return;
        }

        json.WriteStartObject("behaviour");
        json.WriteNumber("files_compared", behaviour.Files.Count(f => f.NotCompared is null));
        json.WriteNumber("files_not_compared", behaviour.Files.Count(f => f.NotCompared is not null));
        json.WriteNumber("files_not_loading", behaviour.Files.Count(f => f.NewError is not null));
        json.WriteNumber("files_with_leftover_imports", behaviour.Files.Count(f => f.Leftovers.Count > 0));
        json.WriteNumber("entities", behaviour.Entities);
        json.WriteNumber("entities_dropped", behaviour.EntitiesDropped);
        json.WriteNumber("declared_settings", behaviour.Declared);
        WriteCounts(json, behaviour.Count);
        json.WriteNumber("unexplained", behaviour.Unexplained);
        json.WriteNumber("preserved_percent", Math.Round(behaviour.PreservedPercent, 2));
        json.WriteEndObject();
    }

    // Checked but unchanged or non-Python files have nothing to compare: behaviour is null for them, as without --check.
    private static void WriteFile(Utf8JsonWriter json, FileBehaviour? file)
    {
        if (file is null)
        {
            json.WriteNull("behaviour");
            return;
        }

        json.WriteStartObject("behaviour");
        json.WriteString("not_compared", file.NotCompared);
        json.WriteString("new_error", file.NewError);
        json.WriteString("old_stopped_at", file.OldStoppedAt);
        json.WriteNumber("entities", file.Entities);
        json.WriteNumber("entities_dropped", file.EntitiesDropped);
        json.WriteStartArray("leftover_imports");
        foreach (var module in file.Leftovers)
        {
            json.WriteStringValue(module);
        }

        json.WriteEndArray();
        WriteCounts(json, file.Count);
        json.WriteStartArray("differences");
        foreach (var setting in file.Settings.Where(s => s.Status != SettingStatus.Preserved))
        {
            json.WriteStartObject();
            json.WriteString("entity", setting.Entity);
            json.WriteString("setting", setting.Setting);
            json.WriteString("status", setting.Status.ToString().ToLowerInvariant());
            json.WriteString("before", setting.Before);
            json.WriteString("after", setting.After);
            json.WriteString("explained_by", setting.ExplainedBy);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, Func<SettingStatus, int> count)
    {
        json.WriteNumber("preserved", count(SettingStatus.Preserved));
        json.WriteNumber("changed", count(SettingStatus.Changed));
        json.WriteNumber("dropped", count(SettingStatus.Dropped));
        json.WriteNumber("added", count(SettingStatus.Added));
    }
}
