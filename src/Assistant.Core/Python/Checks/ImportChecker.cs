using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// Imports converted modules in a forked child of the warm worker (op <c>import_check</c>; a fresh interpreter
/// where fork is unavailable), with the target
/// framework's stand-in when it is not installed. An unchanged check is answered from a cache keyed by the
/// content hashes of the modules, of every file under the root they loaded, and of the manifests.
/// </summary>
public sealed class ImportChecker(PythonWorker worker, ImportCheckOptions options)
{
    private static readonly TimeSpan s_protocolMargin = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, CachedCheck> _cache = new();
    private readonly ContentHashes _hashes = new();
    private int _hits;

    public ImportCheckOptions Options { get; } = options;

    /// <summary>How many checks were answered from the cache (for diagnostics and tests).</summary>
    public int CacheHits => _hits;

    /// <summary>
    /// Imports <paramref name="modulePaths"/> (relative to the root) in order. <paramref name="ruleLines"/> maps
    /// a file (relative path) to its line → rule id table, so an error on a rule-written line names the rule.
    /// </summary>
    public Task<ImportCheckResult> CheckAsync(IReadOnlyList<string> modulePaths,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? ruleLines = null, CancellationToken cancellationToken = default) =>
        RunAsync(modulePaths, null, ruleLines, cancellationToken);

    /// <summary>
    /// Imports converted files given as text (relative path → text), e.g. a step's outputs before they are
    /// written: they shadow the files under the root, and every <c>.py</c> among them is imported, in path order.
    /// </summary>
    public Task<ImportCheckResult> CheckFilesAsync(IReadOnlyDictionary<string, string> files,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? ruleLines = null, CancellationToken cancellationToken = default) =>
        RunAsync(files.Keys.Where(p => p.EndsWith(".py", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList(), files, ruleLines, cancellationToken);

    private async Task<ImportCheckResult> RunAsync(IReadOnlyList<string> modulePaths, IReadOnlyDictionary<string, string>? files,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? ruleLines, CancellationToken cancellationToken)
    {
        var key = CacheKey(modulePaths, files);
        if (_cache.TryGetValue(key, out var cached) && cached.IsCurrent(_hashes, Options.Root))
        {
            Interlocked.Increment(ref _hits);
            return Attach(cached.Result, ruleLines) with { FromCache = true };
        }

        var watch = Stopwatch.StartNew();
        var request = new Dictionary<string, object?>
        {
            ["root"] = Path.GetFullPath(Options.Root),
            ["modules"] = modulePaths,
            ["standins"] = Options.Manifests.Select(m => m.ToRequest()).ToList(),
            ["cache_dir"] = Options.CacheDirectory,
            ["timeout"] = Options.Timeout.TotalSeconds,
            ["strict"] = Options.Strict,
            ["source_roots"] = Options.SourceRoots,
            ["files"] = files,
            ["isolation"] = Options.Isolation == CheckIsolation.FreshProcess ? "spawn" : "fork",
        };
        var answer = await worker.SendAsync("import_check", request, Options.Timeout + s_protocolMargin, retry: false, cancellationToken).ConfigureAwait(false);
        var result = Read(answer, watch.Elapsed);
        if (result.Outcome != ImportCheckOutcome.TimedOut)
        {
            // Files given as text are part of the key; the others are re-hashed on every lookup.
            var dependencies = result.LoadedFiles.Concat(modulePaths).Distinct(StringComparer.Ordinal)
                .Where(p => files is null || !files.ContainsKey(p))
                .ToDictionary(p => p, p => _hashes.Of(Path.Combine(Options.Root, p)), StringComparer.Ordinal);
            _cache[key] = new CachedCheck(result, dependencies);
        }

        return Attach(result, ruleLines);
    }

    private static ImportCheckResult Attach(ImportCheckResult result, IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? ruleLines) =>
        ruleLines is null ? result : result with { Errors = result.Errors.Select(e => RuleLineMapper.Attach(e, ruleLines)).ToList() };

    internal static ImportCheckResult Read(JsonElement answer, TimeSpan elapsed) => new(
        CheckJson.Outcome(answer),
        CheckJson.Errors(answer),
        CheckJson.Warnings(answer),
        CheckJson.Packages(answer),
        CheckJson.String(answer, "stdout") ?? string.Empty,
        CheckJson.String(answer, "stderr") ?? string.Empty,
        elapsed,
        CheckJson.Strings(answer, "loaded_files"));

    private string CacheKey(IReadOnlyList<string> modulePaths, IReadOnlyDictionary<string, string>? files) => ContentHashes.Combine(
        new[] { worker.Options.Interpreter.Path, Path.GetFullPath(Options.Root), Options.Strict.ToString(), Options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Concat(Options.SourceRoots)
            .Append(Options.Isolation.ToString())
            .Concat(Options.Manifests.Select(m => $"{m.Side}:{_hashes.Of(m.Path)}"))
            .Concat(modulePaths.Select(p => files is not null && files.TryGetValue(p, out var text)
                ? $"{p}:text:{ContentHashes.Combine([text])}"
                : $"{p}:{_hashes.Of(Path.Combine(Options.Root, p))}"))
            .Concat(files is null ? [] : files.Where(f => !f.Key.EndsWith(".py", StringComparison.Ordinal)).Select(f => $"{f.Key}:text:{ContentHashes.Combine([f.Value])}")));

    private sealed record CachedCheck(ImportCheckResult Result, IReadOnlyDictionary<string, string> Dependencies)
    {
        public bool IsCurrent(ContentHashes hashes, string root) =>
            Dependencies.All(d => hashes.Of(Path.Combine(root, d.Key)) == d.Value);
    }
}
