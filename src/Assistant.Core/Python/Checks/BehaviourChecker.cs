using System.Collections.Concurrent;
using System.Text.Json;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// Reads what the old and the new module declare (op <c>declarations</c>, each in a forked child with
/// recording stand-ins) and compares them with <see cref="BehaviourComparer"/>.
/// </summary>
public sealed class BehaviourChecker(PythonWorker worker, string cacheDirectory, TimeSpan? timeout = null)
{
    private static readonly TimeSpan s_protocolMargin = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, (ModuleDeclarations Declarations, IReadOnlyDictionary<string, string> Dependencies)> _cache = new();
    private readonly ContentHashes _hashes = new();

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(30);

    public PythonWorker Worker { get; } = worker;

    /// <summary>
    /// What <paramref name="side"/>'s module declares. Answered from a cache while the module, every file under the
    /// root it loaded, the files given as text and the manifests are unchanged.
    /// </summary>
    public async Task<ModuleDeclarations> DeclarationsAsync(BehaviourSide side, CancellationToken cancellationToken = default)
    {
        var key = ContentHashes.Combine(new[] { Path.GetFullPath(side.Root), side.ModulePath, _hashes.Of(Path.Combine(side.Root, side.ModulePath)), string.Join(',', side.StubbedLeftovers), side.KeepsDeclarationsBeforeAFailure ? "partial" : "whole" }
            .Concat(side.Manifests.Select(m => $"{m.Side}:{_hashes.Of(m.Path)}"))
            .Concat((side.Files ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{ContentHashes.Combine([f.Value])}")));
        ModuleDeclarations declarations;
        if (_cache.TryGetValue(key, out var cached) && cached.Dependencies.All(d => _hashes.Of(Path.Combine(side.Root, d.Key)) == d.Value))
        {
            declarations = cached.Declarations;
        }
        else
        {
            var answer = await ReadAsync(side, cancellationToken).ConfigureAwait(false);
            declarations = Read(side.ModulePath, answer);
            var dependencies = CheckJson.Strings(answer, "loaded_files").Where(p => side.Files is null || !side.Files.ContainsKey(p))
                .ToDictionary(p => p, p => _hashes.Of(Path.Combine(side.Root, p)), StringComparer.Ordinal);
            if (declarations.Outcome != ImportCheckOutcome.TimedOut)
            {
                _cache[key] = (declarations, dependencies);
            }
        }

        if (side.DeploymentFiles.Count == 0)
        {
            return declarations;
        }

        var texts = side.DeploymentFiles.Select(path => side.Files is not null && side.Files.TryGetValue(path, out var text) ? text
            : File.Exists(Path.Combine(side.Root, path)) ? File.ReadAllText(Path.Combine(side.Root, path)) : string.Empty);
        return declarations with { Entities = DeploymentSchedules.Apply(declarations.Entities, side.ModulePath, texts) };
    }

    private async Task<JsonElement> ReadAsync(BehaviourSide side, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?>
        {
            ["root"] = Path.GetFullPath(side.Root),
            ["module"] = side.ModulePath,
            ["standins"] = side.Manifests.Select(m => m.ToRequest()).ToList(),
            ["cache_dir"] = cacheDirectory,
            ["timeout"] = Timeout.TotalSeconds,
            ["files"] = side.Files,
            ["graphs"] = true,
            ["stub_leftovers"] = side.StubbedLeftovers,
            ["keep_partial"] = side.KeepsDeclarationsBeforeAFailure,
        };
        return await Worker.SendAsync("declarations", request, Timeout + s_protocolMargin, retry: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares the two modules. <paramref name="todos"/> are the TODO texts of the new file; when null they are
    /// read from it (<c># TODO(flowmigrate RULE): text</c> markers). <paramref name="ruleMayExplain"/> (rule id, setting) says
    /// whether that rule's TODOs may explain a difference in that setting; null: any rule may.
    /// </summary>
    public async Task<BehaviourReport> CompareAsync(BehaviourSide before, BehaviourSide after, IReadOnlyList<string>? todos = null,
        CancellationToken cancellationToken = default, Func<string, string, bool>? ruleMayExplain = null)
    {
        var old = await DeclarationsAsync(before, cancellationToken).ConfigureAwait(false);
        var @new = await DeclarationsAsync(after, cancellationToken).ConfigureAwait(false);
        todos ??= after.Files is not null && after.Files.TryGetValue(after.ModulePath, out var text)
            ? TodoMarkers.Read(text)
            : ReadTodos(Path.Combine(after.Root, after.ModulePath));
        var graph = GraphComparer.Compare(old.Graphs, @new.Graphs).ToList();
        foreach (var (side, error) in new[] { ("old", old.GraphError), ("new", @new.GraphError) }.Where(e => e.Item2 is not null))
        {
            graph.Add(new GraphFinding(side == "old" ? before.ModulePath : after.ModulePath, "not-compared", false, $"the {side} module's flows could not be recorded: {error}"));
        }

        var settings = UnusedTaskRunners(BehaviourComparer.Compare(old, @new, todos, ruleMayExplain), @new);
        return new BehaviourReport(old, @new, settings) { Graph = graph };
    }

    /// <summary>
    /// A Prefect flow that submits and maps nothing never uses its task runner (tasks called directly run one after
    /// another on any runner), so a changed runner there — typically v1's sequential LocalExecutor becoming the
    /// target's default — changes nothing the flow does.
    /// </summary>
    private static IReadOnlyList<SettingComparison> UnusedTaskRunners(IReadOnlyList<SettingComparison> settings, ModuleDeclarations after) =>
        settings.Select(s => s is { Setting: "task_runner", Status: SettingStatus.Changed, IsExplained: false }
            && after.Entities.FirstOrDefault(e => e.Kind == "flow" && e.Name == s.Entity) is var flow
            && after.Graphs.FirstOrDefault(g => g.Family.StartsWith("prefect", StringComparison.Ordinal) && (g.Name == s.Entity || g.Name == flow?.Name || after.Graphs.Count == 1)) is { } graph
            && graph.Runs.Count > 0 && graph.Runs.All(r => r.Error is null && r.Nodes.All(n => n.Kind is not ("submit" or "map")))
                ? s with { ExplainedBy = "the flow submits and maps no task, so its task runner runs nothing: tasks called directly run one after another on any runner" }
                : s).ToList();


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
                : new Dictionary<string, string>(StringComparer.Ordinal)) {
                    Class = CheckJson.String(entity, "class"),
                    Aliases = CheckJson.Array(entity, "aliases").Select(a => a.GetString()!).ToList(),
                }).ToList();
        return new ModuleDeclarations(modulePath, outcome, entities, error, CheckJson.Packages(answer))
        {
            Warnings = CheckJson.Warnings(answer),
            Graphs = CheckJson.Graphs(answer),
            GraphError = CheckJson.String(answer, "graph_error"),
            StoppedAt = answer.TryGetProperty("stopped_at", out var stopped) && stopped.ValueKind == JsonValueKind.Object ? CheckJson.Error(stopped) : null,
        };
    }
}
