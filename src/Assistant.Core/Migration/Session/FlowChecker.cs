using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Imports a unit's converted modules in the user's Python (forked child of the worker, stand-in for the
/// target framework unless a matching real one is installed) and turns the result into a report. The
/// check root is the parallel tree in side-by-side mode (the new code must import on its own), else the
/// worktree. One checker per session, so unchanged modules are answered from its cache.
/// </summary>
internal sealed class FlowChecker(PythonWorker worker, string cacheDirectory, TimeSpan timeout)
{
    private readonly Dictionary<string, ImportChecker> _checkers = new(StringComparer.Ordinal);

    public async Task<FlowCheckReport> CheckAsync(Ruleset ruleset, string worktree, TreeLayout layout, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var manifest = TargetManifest(ruleset);
        if (manifest is null)
        {
            return new FlowCheckReport(true, [new CheckFinding("warning", "-", null, $"ruleset {ruleset.Id} ships no API manifest of its target; only syntax was checked", null)], TimeSpan.Zero);
        }

        var root = layout.IsSideBySide ? Path.Combine(worktree, layout.ParallelTree) : worktree;
        var modules = files.Where(f => f.EndsWith(".py", StringComparison.Ordinal) && File.Exists(Path.Combine(root, f))).ToList();
        var checker = Checker(root, manifest);
        var result = await checker.CheckAsync(modules, cancellationToken: cancellationToken);
        var findings = result.Errors.Select(e => new CheckFinding("error", e.File ?? e.ModulePath ?? "-", e.Line, $"{e.Type}: {e.Message}", e.RuleId))
            .Concat(result.Warnings.Select(w => new CheckFinding("warning", w.File ?? "-", w.Line, $"{w.Kind}: {w.Module}", null)))
            .ToList();
        if (!result.Passed && findings.All(f => f.Severity != "error"))
        {
            findings.Add(new CheckFinding("error", "-", null, $"import check {result.Outcome}: {Last(result.Stderr)}", null));
        }

        var environment = string.Join(", ", result.Packages.Select(p => $"{p.Name} ({(p.IsStandIn ? "stand-in from the API manifest" : $"installed {p.Version}")})"));
        return new FlowCheckReport(result.Passed, findings, result.Duration) { Environment = environment.Length == 0 ? null : environment };
    }

    private ImportChecker Checker(string root, ApiManifest manifest)
    {
        var key = $"{root}\0{manifest.Path}";
        if (!_checkers.TryGetValue(key, out var checker))
        {
            _checkers[key] = checker = new ImportChecker(worker, new ImportCheckOptions
            {
                Root = root,
                Manifests = [manifest],
                CacheDirectory = cacheDirectory,
                Timeout = timeout,
            });
        }

        return checker;
    }

    // rulesets/<id>/api/<target>.json: flyte1-to-flyte2 → flyte.json, prefect1-to-prefect3 → prefect3.json.
    private static ApiManifest? TargetManifest(Ruleset ruleset)
    {
        var target = RulesetOptions.For(ruleset).Target;
        var path = Path.Combine(ruleset.Directory, "api", (target == "flyte2" ? "flyte" : target) + ".json");
        return File.Exists(path) ? new ApiManifest(path, CheckSide.New) : null;
    }

    private static string Last(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
