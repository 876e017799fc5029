using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// Runs one step's rules over files until nothing changes: each pass collects findings, applies the
/// accepted fixes and TODO markers that do not overlap, re-parses, and goes again (later fixes may
/// build on earlier ones). A fix whose output would not parse is dropped and reported, never applied.
/// </summary>
public sealed class StepEngine(ModuleParser parser)
{
    /// <summary>A rule still producing edits after this many passes is not idempotent: its last edits are dropped.</summary>
    public const int MaxPasses = 8;

    public async Task<StepOutcome> RunAsync(StepRequest request, CancellationToken cancellationToken = default)
    {
        var files = new List<FileChange>();
        var generated = new Dictionary<string, GeneratedFile>(StringComparer.Ordinal);
        var problems = new List<string>();
        var project = request.Project;
        foreach (var path in request.Paths)
        {
            FileChange change;
            if (project.ModuleAt(path) is { } module)
            {
                change = await RunOnModuleAsync(request, module, generated, cancellationToken).ConfigureAwait(false);
            }
            else if (project.OtherFiles.TryGetValue(path, out var text))
            {
                change = RunOnFile(request, path, text, generated);
            }
            else
            {
                problems.Add($"{path}: not part of the project");
                continue;
            }

            files.Add(change);
        }

        problems.AddRange(generated.Values.Where(g => g.Text is null).Select(g => $"{g.Path}: generated twice with different contents"));
        return new StepOutcome(request.Step, files, generated.Values.OrderBy(g => g.Path, StringComparer.Ordinal).ToList(), problems);
    }

    private async Task<FileChange> RunOnModuleAsync(StepRequest request, PythonModule module, Dictionary<string, GeneratedFile> generated, CancellationToken cancellationToken)
    {
        var current = module;
        var ledger = new FindingLedger();
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            var context = new RuleContext(current, request.Project, request.Tables, request.Options);
            var findings = request.Rules.SelectMany(rule => Analyze(rule.Descriptor, () => rule.Analyze(context), ledger)).ToList();
            var groups = ledger.Select(current.Path, current.Text, current.Lines, current.NewLine, findings, request.Policy);
            if (groups.Count == 0)
            {
                break;
            }

            if (pass == MaxPasses)
            {
                ledger.Problems.Add($"{current.Path}: {string.Join(", ", groups.Select(g => g.Finding.RuleId).Distinct())} still changed the file after {MaxPasses} passes (not idempotent); those edits were dropped");
                break;
            }

            var (next, kept) = await ApplyParsableAsync(current, groups, ledger, cancellationToken).ConfigureAwait(false);
            if (kept.Count == 0)
            {
                break;
            }

            foreach (var group in kept)
            {
                ledger.Applied.Add(new AppliedFinding(group.Finding, current.Lines.LineOf(group.Finding.Span.Start), group.Anchor));
                Collect(group.Finding, generated);
            }

            current = next;
        }

        return new FileChange(module.Path, module.Text, current.Text)
        {
            Module = current,
            Applied = ledger.Applied,
            Declined = ledger.Declined,
            Problems = ledger.Problems,
        };
    }

    private static FileChange RunOnFile(StepRequest request, string path, string original, Dictionary<string, GeneratedFile> generated)
    {
        var text = original;
        var ledger = new FindingLedger();
        var rules = request.FileRules.Where(r => r.AppliesTo(path)).ToList();
        for (var pass = 1; pass <= MaxPasses && rules.Count > 0; pass++)
        {
            var context = new FileRuleContext(path, text, request.Project, request.Tables, request.Options);
            var findings = rules.SelectMany(rule => Analyze(rule.Descriptor, () => rule.Analyze(context), ledger)).ToList();
            var lines = LineMap.For(text);
            var groups = ledger.Select(path, text, lines, text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n", findings, request.Policy);
            if (groups.Count == 0)
            {
                break;
            }

            text = EditSet.Create(groups.SelectMany(g => g.Edits)).ApplyTo(text);
            foreach (var group in groups)
            {
                ledger.Applied.Add(new AppliedFinding(group.Finding, lines.LineOf(group.Finding.Span.Start), group.Anchor));
                Collect(group.Finding, generated);
            }
        }

        return new FileChange(path, original, text) { Applied = ledger.Applied, Declined = ledger.Declined, Problems = ledger.Problems };
    }

    // Applies all groups and parses the result once; only when it does not parse are the groups added one
    // at a time, dropping each that breaks the module.
    private async Task<(PythonModule Module, List<EditGroup> Kept)> ApplyParsableAsync(PythonModule module, List<EditGroup> groups, FindingLedger ledger, CancellationToken cancellationToken)
    {
        var all = EditSet.Create(groups.SelectMany(g => g.Edits)).ApplyTo(module.Text);
        var parsed = await parser.ParseAsync(module.Path, all, module.Encoding, cancellationToken).ConfigureAwait(false);
        if (parsed.Module is { } whole)
        {
            return (whole, groups);
        }

        var kept = new List<EditGroup>();
        foreach (var group in groups)
        {
            var candidate = EditSet.Create(kept.Append(group).SelectMany(g => g.Edits)).ApplyTo(module.Text);
            if (await parser.CheckSyntaxAsync(module.Path, candidate, cancellationToken).ConfigureAwait(false) is { } error)
            {
                ledger.Problems.Add($"{module.Path}:{module.Lines.LineOf(group.Finding.Span.Start)}: {group.Finding.RuleId} fix dropped, its output would not parse ({error})");
                ledger.Dropped.Add(group.Finding);
                continue;
            }

            kept.Add(group);
        }

        var text = EditSet.Create(kept.SelectMany(g => g.Edits)).ApplyTo(module.Text);
        return ((await parser.ParseAsync(module.Path, text, module.Encoding, cancellationToken).ConfigureAwait(false)).Module!, kept);
    }

    private static IEnumerable<Finding> Analyze(RuleDescriptor descriptor, Func<IEnumerable<Finding>> analyze, FindingLedger ledger)
    {
        try
        {
            return analyze().ToList();
        }
        catch (Exception exception)
        {
            ledger.Problems.Add($"{descriptor.Id} failed: {exception.GetType().Name}: {exception.Message}");
            return [];
        }
    }

    private static void Collect(Finding finding, Dictionary<string, GeneratedFile> generated)
    {
        foreach (var file in finding.Fix?.Files ?? [])
        {
            if (generated.TryGetValue(file.Path, out var existing) && existing.Text != file.Text)
            {
                generated[file.Path] = file with { Text = null! };
            }
            else
            {
                generated.TryAdd(file.Path, file);
            }
        }
    }
}
