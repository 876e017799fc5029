using System.Text.Json;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// Reads what the old and the new module declare (op <c>declarations</c>, each in a forked child with
/// recording stand-ins) and compares them with <see cref="BehaviourComparer"/>.
/// </summary>
public sealed class BehaviourChecker(PythonWorker worker, string cacheDirectory, TimeSpan? timeout = null)
{
    private static readonly TimeSpan s_protocolMargin = TimeSpan.FromSeconds(20);

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(30);

    public async Task<ModuleDeclarations> DeclarationsAsync(BehaviourSide side, CancellationToken cancellationToken = default)
    {
        var request = new Dictionary<string, object?>
        {
            ["root"] = Path.GetFullPath(side.Root),
            ["module"] = side.ModulePath,
            ["standins"] = side.Manifests.Select(m => m.ToRequest()).ToList(),
            ["cache_dir"] = cacheDirectory,
            ["timeout"] = Timeout.TotalSeconds,
        };
        var answer = await worker.SendAsync("declarations", request, Timeout + s_protocolMargin, retry: false, cancellationToken).ConfigureAwait(false);
        return Read(side.ModulePath, answer);
    }

    /// <summary>
    /// Compares the two modules. <paramref name="todos"/> are the TODO texts of the new file; when null they are
    /// read from it (<c># TODO(flowmigrate RULE): text</c> markers).
    /// </summary>
    public async Task<BehaviourReport> CompareAsync(BehaviourSide before, BehaviourSide after, IReadOnlyList<string>? todos = null,
        CancellationToken cancellationToken = default)
    {
        var old = await DeclarationsAsync(before, cancellationToken).ConfigureAwait(false);
        var @new = await DeclarationsAsync(after, cancellationToken).ConfigureAwait(false);
        todos ??= ReadTodos(Path.Combine(after.Root, after.ModulePath));
        return new BehaviourReport(old, @new, BehaviourComparer.Compare(old, @new, todos));
    }

    private static List<string> ReadTodos(string path) => File.Exists(path)
        ? TodoMarkers.Read(File.ReadAllText(path))
        : [];

    internal static ModuleDeclarations Read(string modulePath, JsonElement answer)
    {
        var error = answer.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? CheckJson.Error(e) : null;
        var outcome = CheckJson.Outcome(answer);
        var entities = CheckJson.Array(answer, "entities").Select(entity => new DeclaredEntity(
            CheckJson.String(entity, "kind") ?? "?",
            CheckJson.String(entity, "name") ?? "?",
            CheckJson.String(entity, "variable"),
            entity.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                ? settings.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal))).ToList();
        return new ModuleDeclarations(modulePath, outcome, entities, error, CheckJson.Packages(answer));
    }
}
