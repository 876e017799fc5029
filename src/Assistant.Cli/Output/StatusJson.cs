using System.Text;
using System.Text.Json;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Output;

/// <summary><c>status --json</c>, schema <c>flowmigrate.status/2</c> (README, <c>flowmigrate status</c>): /2 added the migration
/// start, <c>new_since_start</c> per flow and <c>new_v1_files</c>.</summary>
internal static class StatusJson
{
    public const string Schema = "flowmigrate.status/2";

    public static string Write(IMigrationSession session, IReadOnlyList<FlowStatus> flows, NewV1Code newCode)
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
            if (newCode.Start is { } start)
            {
                json.WriteStartObject("migration_start");
                json.WriteString("commit", start.Commit);
                json.WriteString("date", start.Date.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("via", start.Via);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("migration_start");
            }

            json.WriteStartArray("new_v1_files");
            foreach (var file in newCode.Files)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
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
                json.WriteBoolean("new_since_start", newCode.IsNew(flow.Id));
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
