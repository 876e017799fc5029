using System.Text;
using System.Text.Json;
using Assistant.Core.Migration.Inventory;

namespace Assistant.Cli.Output;

/// <summary>
/// <c>scan --json</c>, schema <c>flowmigrate.scan/1</c> (README, "JSON output"). Keys and order are
/// stable; paths are repo-relative with '/' separators.
/// </summary>
internal static class InventoryJson
{
    public const string Schema = "flowmigrate.scan/1";

    // Bytes the writer may hold before it passes them on: small enough to stay off the large object heap, whose
    // allocations (a whole 1 MB document, its string, its re-encoding) cost a 5,000-file scan a full collection.
    private const int FlushThreshold = 16 * 1024;

    public static string Write(RepositoryInventory inventory)
    {
        using var stream = new MemoryStream();
        WriteTo(inventory, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The same document as <see cref="Write"/>, as UTF-8 into <paramref name="stream"/>, passed on in small pieces.</summary>
    public static void WriteTo(RepositoryInventory inventory, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("root", inventory.Root);
            json.WriteStartArray("frameworks");
            foreach (var framework in inventory.Frameworks)
            {
                json.WriteStringValue(FrameworkNames.Of(framework));
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in inventory.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("framework", FrameworkNames.Of(file.Framework));
                if (file.ParseError is not null)
                {
                    json.WriteString("parse_error", file.ParseError);
                }

                json.WriteEndObject();
                if (json.BytesPending > FlushThreshold)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("flows");
            foreach (var flow in inventory.Flows)
            {
                WriteFlow(json, flow, inventory.NestedRepositoryOf(flow.File));
                if (json.BytesPending > FlushThreshold)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("nested_repositories");
            foreach (var path in inventory.NestedRepositories)
            {
                json.WriteStringValue(path);
            }

            json.WriteEndArray();
            json.WriteBoolean("nested_repositories_scanned", inventory.NestedRepositoriesScanned);
            json.WriteStartObject("statistics");
            json.WriteNumber("python_files", inventory.Statistics.PythonFiles);
            json.WriteNumber("candidates", inventory.Statistics.Candidates);
            json.WriteNumber("parsed", inventory.Statistics.Parsed);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteFlow(Utf8JsonWriter json, FlowRecord flow, string? repository)
    {
        json.WriteStartObject();
        json.WriteString("id", flow.Id);
        json.WriteString("name", flow.Name);
        json.WriteString("framework", FrameworkNames.Of(flow.Framework));
        json.WriteString("kind", FlowKinds.Of(flow.Kind));
        json.WriteString("file", flow.File);
        json.WriteNumber("line", flow.Line);
        if (repository is not null)
        {
            json.WriteString("repository", repository);
        }

        if (flow.Variable is not null)
        {
            json.WriteString("variable", flow.Variable);
        }

        json.WriteStartArray("tasks");
        foreach (var task in flow.Tasks)
        {
            json.WriteStringValue(task.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("task_locations");
        foreach (var task in flow.Tasks)
        {
            json.WriteStartObject();
            json.WriteString("name", task.Name);
            json.WriteString("file", task.File);
            if (task.Line is { } line)
            {
                json.WriteNumber("line", line);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("calls");
        foreach (var call in flow.Calls)
        {
            json.WriteStringValue(call);
        }

        json.WriteEndArray();
        json.WriteStartArray("files");
        foreach (var file in flow.Files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
