using System.Text;
using System.Text.Json;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Output;

/// <summary><c>status --json</c>, schema <c>flowmigrate.status/1</c> (README, "JSON output").</summary>
internal static class StatusJson
{
    public const string Schema = "flowmigrate.status/1";

    public static string Write(IMigrationSession session, IReadOnlyList<FlowStatus> flows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("root", session.Root);
            json.WriteString("base", session.BaseBranch);
            json.WriteString("mode", session.Mode);
            json.WriteString("prefect_target", session.PrefectTarget);
            json.WriteStartArray("flows");
            foreach (var flow in flows)
            {
                json.WriteStartObject();
                json.WriteString("id", flow.Id);
                json.WriteString("name", flow.Name);
                json.WriteString("framework", flow.Framework);
                json.WriteString("state", FlowStates.Of(flow.State));
                if (flow.Step is { } step)
                {
                    json.WriteNumber("step", step);
                }
                else
                {
                    json.WriteNull("step");
                }

                json.WriteNumber("steps", flow.StepCount);
                if (flow.Branch is null)
                {
                    json.WriteNull("branch");
                }
                else
                {
                    json.WriteString("branch", flow.Branch);
                }

                json.WriteNumber("todos", flow.Todos);
                json.WriteBoolean("behind_base", flow.IsBehindBase);
                if (flow.Note is not null)
                {
                    json.WriteString("note", flow.Note);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
