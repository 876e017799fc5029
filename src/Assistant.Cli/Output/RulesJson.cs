using System.Text.Json;
using Assistant.Core.Rules.Catalog;

namespace Assistant.Cli.Output;

/// <summary><c>rules list --json</c>, schema <c>flowmigrate.rules/1</c> (README, "JSON output").</summary>
internal static class RulesJson
{
    public const string Schema = "flowmigrate.rules/1";

    public static string Write(RuleCatalog catalog)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteStartArray("rules");
            foreach (var rule in catalog.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Descriptor.Id);
                json.WriteString("name", rule.Descriptor.Name);
                json.WriteString("ruleset", rule.Ruleset.Id);
                json.WriteString("step", rule.Descriptor.Step);
                json.WriteString("safety", RulesetReadme.Safety(rule.Descriptor.Safety));
                json.WriteString("reads", rule.Kind == RuleKind.Module ? "python" : "files");
                json.WriteString("source", rule.Source);
                json.WriteString("summary", rule.Descriptor.Summary);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
