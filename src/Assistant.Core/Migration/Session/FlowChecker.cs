using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Imports a unit's converted modules in the user's Python (forked child of the worker, stand-in for the
/// target framework unless a matching real one is installed) and turns the result into a report. The
/// check root is the parallel tree in side-by-side mode (the new code must import on its own), else the
/// worktree. The behaviour and graph checks compare each module with its old version under <c>oldRoot</c>: the
/// worktree in side-by-side mode (the old code stays untouched there), the base commit's files in place
/// (<see cref="BaseTree"/>). One checker per session, so unchanged modules are answered from its cache.
/// </summary>
internal sealed class FlowChecker(PythonWorker worker, string cacheDirectory, TimeSpan timeout)
{
    private readonly Dictionary<string, ImportChecker> _checkers = new(StringComparer.Ordinal);
    private readonly BehaviourChecker _behaviour = new(worker, cacheDirectory, timeout);

    public async Task<FlowCheckReport> CheckAsync(Ruleset ruleset, string worktree, string oldRoot, TreeLayout layout, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var manifest = RulesetManifests.Target(ruleset);
        if (manifest is null)
        {
            return new FlowCheckReport(true, [new CheckFinding("warning", "-", null, $"ruleset {ruleset.Id} ships no API manifest of its target; only syntax was checked", null)], TimeSpan.Zero);
        }

        var root = layout.IsSideBySide ? Path.Combine(worktree, layout.ParallelTree) : worktree;
        var modules = files.Where(f => f.EndsWith(".py", StringComparison.Ordinal) && File.Exists(Path.Combine(root, f))).ToList();
        var checker = Checker(root, manifest);
        var result = await checker.CheckAsync(modules, cancellationToken: cancellationToken);
        var errors = result.Errors.Select(e => (Error: e, Todo: LeftFor(root, e))).ToList();
        var findings = errors.Select(e => new CheckFinding("error", e.Error.File ?? e.Error.ModulePath ?? "-", e.Error.Line, Describe(e.Error, e.Todo), e.Error.RuleId))
            .Concat(result.Warnings.Select(w => new CheckFinding("warning", w.File ?? "-", w.Line, $"{w.Kind}: {w.Module}", null)))
            .ToList();
        if (!result.Passed && findings.All(f => f.Severity != "error"))
        {
            findings.Add(new CheckFinding("error", "-", null, $"import check {result.Outcome}: {Last(result.Stderr)}", null));
        }

        // Imports left with a TODO (v1 APIs the target lacks) fail the import, which is the manual work the TODOs name: the
        // comparison still runs, with placeholders for them, so the rest of the flow is checked as convert --check does.
        var onlyLeftFor = result.Outcome == ImportCheckOutcome.Failed && errors.Count > 0 && errors.All(e => e.Todo is not null);
        var environment = Environment(result.Packages);
        var (behaviour, graph) = (result.Passed || onlyLeftFor) && RulesetManifests.Source(ruleset) is { } old
            ? await CompareAsync(oldRoot, root, modules, old, manifest, RulesetManifests.LeftoverPackages(ruleset), SettingSteps.For(ruleset), cancellationToken)
            : (new List<BehaviourLine>(), new List<GraphLine>());
        findings.AddRange(behaviour.Where(b => b.Status is "changed" or "dropped" && b.ExplainedBy is null)
            .Select(b => new CheckFinding("error", b.File, null, $"behaviour: {b.Entity}: {b.Setting} {b.Status} ({b.Before} → {b.After ?? "nothing"}) and no TODO explains it", null)));
        findings.AddRange(graph.Select(g => new CheckFinding(g.Severity, g.File, g.Line, $"graph: {g.Flow}: {g.Kind}: {g.Message}", null)));
        return new FlowCheckReport(result.Passed && findings.All(f => f.Severity != "error"), findings, result.Duration)
        {
            Environment = environment.Length == 0 ? null : environment,
            Behaviour = behaviour,
            Graph = graph,
        };
    }

    private static string Environment(IReadOnlyList<PackageSource> packages)
    {
        var standIns = packages.Where(p => p.IsStandIn).Select(p => p.Name.Split('/')[0]).Distinct().ToList();
        var installed = packages.Where(p => !p.IsStandIn).Select(p => $"{p.Name} {p.Version} (installed)");
        var parts = standIns.Count == 0 ? [] : new[] { $"stand-in for {standIns[0]}{(standIns.Count > 1 ? $" (+{standIns.Count - 1} integrations)" : "")} from the API manifest" };
        return string.Join(", ", parts.Concat(installed));
    }

    // Old modules are read under oldRoot, new ones under the check root; a module the old side lacks is not compared.
    private async Task<(List<BehaviourLine> Settings, List<GraphLine> Graph)> CompareAsync(string oldRoot, string newRoot, IEnumerable<string> modules, ApiManifest old, ApiManifest manifest,
        IReadOnlyList<string> leftovers, Func<string, string, bool> ruleMayExplain, CancellationToken cancellationToken)
    {
        var lines = new List<BehaviourLine>();
        var graph = new List<GraphLine>();
        foreach (var module in modules.Where(m => File.Exists(Path.Combine(oldRoot, m))))
        {
            var newSide = new BehaviourSide(newRoot, module, [manifest]) { DeploymentFiles = RulesetManifests.DeploymentFiles(newRoot), StubbedLeftovers = leftovers };
            var report = await _behaviour.CompareAsync(new BehaviourSide(oldRoot, module, [old]), newSide,
                cancellationToken: cancellationToken, ruleMayExplain: ruleMayExplain);
            lines.AddRange(report.Settings.Select(s => new BehaviourLine(module, s.Entity, s.Setting, s.Status.ToString().ToLowerInvariant(), s.Before, s.After, s.ExplainedBy)));
            graph.AddRange(report.Graph.Select(g => new GraphLine(g.File ?? module, g.Flow, g.Kind, g.IsFailure ? "error" : "warning", g.Message, g.Line)));
        }

        return (lines, graph);
    }

    // "ImportError: cannot import name 'Client' from 'prefect.client' (<stand-in cache>/prefect/client/__init__.py)": the path is
    // the stand-in's, not the user's; the TODO above the line (if any) says what is left to do there.
    private string Describe(ImportCheckError error, string? todo)
    {
        var message = error.Message;
        var standIn = message.IndexOf(" (" + Path.GetFullPath(cacheDirectory), StringComparison.Ordinal);
        if (standIn >= 0 && message.IndexOf(')', standIn) is var end and > 0)
        {
            message = message[..standIn] + " (the target's stand-in)" + message[(end + 1)..];
        }

        return $"{error.Type}: {message}{(todo is null ? string.Empty : $"; the line is left for TODO {todo}")}";
    }

    // The TODO markers right above an error's line in the checked tree, joined; null when it has none.
    private static string? LeftFor(string root, ImportCheckError error)
    {
        if (error.File is not { } file || error.Line is not { } line || Path.IsPathRooted(file) || !File.Exists(Path.Combine(root, file)))
        {
            return null;
        }

        var markers = TodoMarkers.Above(File.ReadAllText(Path.Combine(root, file)), line);
        return markers.Count == 0 ? null : string.Join("; ", markers);
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

    private static string Last(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
