using System.Text.Json;

namespace Assistant.Core.Python.Checks;

/// <summary>Reads the worker's check answers into typed records.</summary>
internal static class CheckJson
{
    public static ImportCheckOutcome Outcome(JsonElement result) => String(result, "outcome") switch
    {
        "passed" => ImportCheckOutcome.Passed,
        "timed_out" => ImportCheckOutcome.TimedOut,
        "crashed" => ImportCheckOutcome.Crashed,
        "exited" => ImportCheckOutcome.Exited,
        _ => ImportCheckOutcome.Failed,
    };

    public static ImportCheckError Error(JsonElement error) => new(
        String(error, "type") ?? "Error",
        String(error, "message") ?? string.Empty,
        String(error, "file"),
        Int(error, "line"),
        String(error, "source_line"),
        String(error, "module_path"),
        Int(error, "exit_code"),
        Array(error, "traceback").Select(f => new TracebackFrame(
            String(f, "file") ?? "?", Int(f, "line") ?? 0, String(f, "function") ?? "?", String(f, "source_line"))).ToList())
    {
        CallLine = Int(error, "call_line"),
        EndLine = Int(error, "end_line"),
    };

    public static IReadOnlyList<ImportCheckError> Errors(JsonElement result) => Array(result, "errors").Select(Error).ToList();

    public static IReadOnlyList<ImportWarning> Warnings(JsonElement result) => Array(result, "warnings")
        .Select(w => new ImportWarning(String(w, "kind") ?? "warning", String(w, "module") ?? "?", String(w, "file"), Int(w, "line"), String(w, "source_line")))
        .ToList();

    public static IReadOnlyList<PackageSource> Packages(JsonElement result) => Array(result, "packages")
        .Select(p => new PackageSource(String(p, "name") ?? "?", String(p, "family") ?? "?", String(p, "source") ?? "standin", String(p, "version"), String(p, "note")))
        .ToList();

    public static IReadOnlyList<FlowGraph> Graphs(JsonElement result) => Array(result, "graphs").Select(g => new FlowGraph(
        String(g, "name") ?? "?",
        String(g, "variable"),
        String(g, "family") ?? "?",
        String(g, "kind") ?? "?",
        String(g, "driver") ?? "dag",
        g.TryGetProperty("parallel", out var parallel) && parallel.ValueKind == JsonValueKind.True,
        Array(g, "runs").Select(r => new GraphRun(
            Array(r, "nodes").Select(Node).ToList(),
            r.TryGetProperty("error", out var error) ? String(error, "message") : null,
            r.TryGetProperty("error", out error) ? Int(error, "line") : null) { Truths = Strings(r, "truths") }).ToList())).ToList();

    private static GraphNode Node(JsonElement n) => new(
        String(n, "id") ?? "?",
        String(n, "task") ?? "?",
        String(n, "kind") ?? "call",
        n.TryGetProperty("mapped", out var mapped) && mapped.ValueKind == JsonValueKind.True,
        n.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object
            ? inputs.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyList<string>)Strings(n.GetProperty("inputs"), p.Name), StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
        Strings(n, "after"),
        Strings(n, "control"))
    {
        File = String(n, "file"),
        Line = Int(n, "line"),
        Start = Int(n, "start"),
        End = Int(n, "end"),
        Awaited = Bool(n, "awaited"),
        Resolved = Bool(n, "resolved"),
        Arms = Strings(n, "arms"),
    };

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static IReadOnlyList<string> Strings(JsonElement result, string name) =>
        Array(result, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var number)
            ? number
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
