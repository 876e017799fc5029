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
