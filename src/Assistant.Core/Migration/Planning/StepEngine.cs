using System.Text;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// Runs one step's rules over files until nothing changes: each pass collects findings, applies the
/// accepted fixes and TODO markers that do not overlap (a shareable replacement several findings bring, same span and same
/// text, is applied once: <see cref="TextEdit.IsSharedWith"/>), re-parses, and goes again (later fixes may build on earlier ones). A fix whose output would not parse is dropped and reported, never applied.
/// A pass that only inserts TODO comment lines moves the tree instead of re-parsing (<see cref="CommentLineInsertion"/>).
/// A rule that names what its findings need written (<see cref="IPrefilteredRule"/>) is not called on a pass whose text mentions none of it.
/// With <paramref name="concurrency"/> above 1 up to that many modules are worked on at once (rules read
/// only the step's immutable project; parses overlap with rule evaluation); the outcome, its order included,
/// is the same as one module after another.
/// Trees the in-process parser built are not proof that a text parses: when any of a module's trees came from it and the
/// step changed the module, the step's final text is confirmed once with the user's Python (all such texts of the step in
/// a few batched requests), and if it does not parse the module's step runs again on worker-parsed trees only (which
/// drop every fix that would not parse). With <paramref name="confirmEachStep"/> false that confirmation is left to the caller
/// (<see cref="ConversionPipeline"/> with <see cref="ConfirmationPoint.End"/>).
/// </summary>
public sealed class StepEngine(ModuleParser parser, int concurrency = 1, bool confirmEachStep = true)
{
    /// <summary>A rule still producing edits after this many passes is not idempotent: its last edits are dropped.</summary>
    public const int MaxPasses = 8;

    public Task<StepOutcome> RunAsync(StepRequest request, CancellationToken cancellationToken = default) => RunAsync(request, finished: null, cancellationToken);

    /// <summary>Runs the step; <paramref name="finished"/> is told of each module's change as soon as its passes are done (on the
    /// engine's threads, in any order), before any confirmation of this step.</summary>
    public async Task<StepOutcome> RunAsync(StepRequest request, Action<FileChange>? finished, CancellationToken cancellationToken)
    {
        var project = request.Project;
        var runs = new (FileChange Change, List<Finding> Applied)?[request.Paths.Count];
        var unconfirmed = new PythonModule?[request.Paths.Count];
        var parallel = concurrency > 1 && !Rules.UserRules.Host.HostedModuleRule.AnyIn(request.Rules);
        var prefilter = new RulePrefilter(request.Rules, request.Tables);
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Paths.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel ? concurrency : 1, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var path = request.Paths[index];
                if (project.ModuleAt(path) is { } module)
                {
                    var run = await RunPassesAsync(request, prefilter, module, token).ConfigureAwait(false);
                    runs[index] = (run.Change, run.Applied);
                    unconfirmed[index] = run.Unconfirmed && run.Change.After != module.Text ? module : null;
                    finished?.Invoke(run.Change);
                }
                else if (project.OtherFiles.TryGetValue(path, out var text))
                {
                    runs[index] = RunOnFile(request, path, text);
                }
            }).ConfigureAwait(false);
        if (confirmEachStep)
        {
            await ConfirmAsync(request, prefilter, runs, unconfirmed, cancellationToken).ConfigureAwait(false);
        }

        // Generated files are collected in path order, as a sequential run would: which of two differing copies wins does not depend on timing.
        var files = new List<FileChange>();
        var generated = new Dictionary<string, GeneratedFile>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var index = 0; index < runs.Length; index++)
        {
            if (runs[index] is not { } run)
            {
                problems.Add($"{request.Paths[index]}: not part of the project");
                continue;
            }

            files.Add(run.Change);
            foreach (var finding in run.Applied)
            {
                Collect(finding, generated);
            }
        }

        problems.AddRange(generated.Values.Where(g => g.Text is null).Select(g => $"{g.Path}: generated twice with different contents"));
        return new StepOutcome(request.Step, files, generated.Values.OrderBy(g => g.Path, StringComparer.Ordinal).ToList(), problems);
    }

    // The step's changed texts that rest on in-process trees are confirmed with the user's Python together (a few batched
    // requests); a module whose text does not parse there runs the step again on the worker's trees alone.
    private async Task ConfirmAsync(StepRequest request, RulePrefilter prefilter, (FileChange Change, List<Finding> Applied)?[] runs, PythonModule?[] unconfirmed, CancellationToken cancellationToken)
    {
        var indexes = Enumerable.Range(0, runs.Length).Where(i => unconfirmed[i] is not null).ToList();
        if (indexes.Count == 0)
        {
            return;
        }

        var verdicts = await parser.CheckSyntaxManyAsync(indexes.Select(i => (unconfirmed[i]!.Path, runs[i]!.Value.Change.After)).ToList(), cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < indexes.Count; k++)
        {
            if (verdicts[k] is not null)
            {
                runs[indexes[k]] = await RedoOnWorkerTreesAsync(request, prefilter, unconfirmed[indexes[k]]!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The in-process parser accepted a text the user's Python rejects: redo the module on the worker's trees alone.
    private async Task<(FileChange Change, List<Finding> Applied)> RedoOnWorkerTreesAsync(StepRequest request, RulePrefilter prefilter, PythonModule module, CancellationToken cancellationToken)
    {
        var workerParser = parser.WorkerOnly();
        var reparsed = await workerParser.ParseAsync(module.Path, module.Text, module.Encoding, cancellationToken).ConfigureAwait(false);
        if (reparsed.Module is not { } confirmed)
        {
            var unchanged = new FileChange(module.Path, module.Text, module.Text) { Module = module, Problems = [$"{module.Path}: does not parse ({reparsed.SyntaxError}); left unchanged"] };
            return (unchanged, []);
        }

        var again = await new StepEngine(workerParser).RunPassesAsync(request, prefilter, confirmed, cancellationToken).ConfigureAwait(false);
        return (again.Change, again.Applied);
    }

    private async Task<(FileChange Change, List<Finding> Applied, bool Unconfirmed)> RunPassesAsync(StepRequest request, RulePrefilter prefilter, PythonModule module, CancellationToken cancellationToken)
    {
        var unconfirmed = ModuleParser.ParsedInProcess(module);
        var current = module;
        var collected = new List<Finding>();
        var ledger = new FindingLedger();
        var passes = 0;
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            passes = pass;
            var context = new RuleContext(current, request.Project, request.Tables, request.Options);
            var findings = new List<Finding>();
            var ascii = Ascii.IsValid(current.Text);
            for (var index = 0; index < request.Rules.Count; index++)
            {
                if (!prefilter.Excludes(index, current.Text, ascii))
                {
                    Analyze(request.Rules[index], context, findings, ledger);
                }
            }

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

            // TODO markers alone (whole comment lines) move positions but change no node: no parse needed for them.
            var edits = EditSet.Union(groups.SelectMany(g => g.Edits));
            var (next, kept) = CommentLineInsertion.Apply(current, edits) is { } moved
                ? (moved, groups)
                : await ApplyParsableAsync(current, edits, groups, ledger, cancellationToken).ConfigureAwait(false);
            if (kept.Count == 0)
            {
                break;
            }

            foreach (var group in kept)
            {
                ledger.Applied.Add(AppliedFinding.Of(group.Finding, current.Lines.LineOf(group.Finding.Span.Start), group.Anchor, current.Text));
                collected.Add(group.Finding);
            }

            current = next;
            unconfirmed |= ModuleParser.ParsedInProcess(current);
        }

        return (new FileChange(module.Path, module.Text, current.Text)
        {
            Module = current,
            Applied = ledger.Applied,
            Declined = ledger.Declined,
            Problems = ledger.Problems,
            Passes = passes,
        }, collected, unconfirmed);
    }

    private static (FileChange Change, List<Finding> Applied) RunOnFile(StepRequest request, string path, string original)
    {
        var text = original;
        var collected = new List<Finding>();
        var ledger = new FindingLedger();
        var rules = request.FileRules.Where(r => r.AppliesTo(path)).ToList();
        for (var pass = 1; pass <= MaxPasses && rules.Count > 0; pass++)
        {
            var context = new FileRuleContext(path, text, request.Project, request.Tables, request.Options);
            var findings = new List<Finding>();
            foreach (var rule in rules)
            {
                Analyze(rule, context, findings, ledger);
            }

            var lines = LineMap.For(text);
            var groups = ledger.Select(path, text, lines, text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n", findings, request.Policy);
            if (groups.Count == 0)
            {
                break;
            }

            foreach (var group in groups)
            {
                ledger.Applied.Add(AppliedFinding.Of(group.Finding, lines.LineOf(group.Finding.Span.Start), group.Anchor, text));
                collected.Add(group.Finding);
            }

            text = EditSet.Union(groups.SelectMany(g => g.Edits)).ApplyTo(text);
        }

        return (new FileChange(path, original, text) { Applied = ledger.Applied, Declined = ledger.Declined, Problems = ledger.Problems }, collected);
    }

    // Applies all groups and parses the result once (again only where the edits are, see ModuleParser.ReparseAsync); only when it
    // does not parse are the groups added one at a time, dropping each that breaks the module.
    private async Task<(PythonModule Module, List<EditGroup> Kept)> ApplyParsableAsync(PythonModule module, EditSet edits, List<EditGroup> groups, FindingLedger ledger, CancellationToken cancellationToken)
    {
        var all = edits.ApplyTo(module.Text);
        var parsed = await parser.ReparseAsync(module, edits, all, cancellationToken).ConfigureAwait(false);
        if (parsed.Module is { } whole)
        {
            return (whole, groups);
        }

        var kept = new List<EditGroup>();
        foreach (var group in groups)
        {
            if (!FindingLedger.RequiredAreIn(group.Finding, kept))
            {
                // A finding it goes with was dropped: it waits for a pass that applies them together.
                continue;
            }

            var candidate = EditSet.Union(kept.Append(group).SelectMany(g => g.Edits)).ApplyTo(module.Text);
            if (await parser.CheckSyntaxAsync(module.Path, candidate, cancellationToken).ConfigureAwait(false) is { } error)
            {
                ledger.Problems.Add($"{module.Path}:{module.Lines.LineOf(group.Finding.Span.Start)}: {group.Finding.RuleId} fix dropped, its output would not parse ({error})");
                ledger.Dropped.Add(group.Finding);
                continue;
            }

            kept.Add(group);
        }

        var text = EditSet.Union(kept.SelectMany(g => g.Edits)).ApplyTo(module.Text);
        return ((await parser.ParseAsync(module.Path, text, module.Encoding, cancellationToken).ConfigureAwait(false)).Module!, kept);
    }

    // A rule that throws adds none of its findings (not those it yielded before the exception) and a problem. The rule is called
    // directly, never through a delegate made per call: making a delegate of an interface method costs ReadyToRun code a
    // run-time method resolution each time (a conversion makes tens of thousands of rule calls).
    private static void Analyze(IRule rule, RuleContext context, List<Finding> findings, FindingLedger ledger)
    {
        var before = findings.Count;
        try
        {
            findings.AddRange(rule.Analyze(context));
        }
        catch (Exception exception)
        {
            Failed(rule.Descriptor, exception, findings, before, ledger);
        }
    }

    private static void Analyze(IFileRule rule, FileRuleContext context, List<Finding> findings, FindingLedger ledger)
    {
        var before = findings.Count;
        try
        {
            findings.AddRange(rule.Analyze(context));
        }
        catch (Exception exception)
        {
            Failed(rule.Descriptor, exception, findings, before, ledger);
        }
    }

    private static void Failed(RuleDescriptor descriptor, Exception exception, List<Finding> findings, int before, FindingLedger ledger)
    {
        findings.RemoveRange(before, findings.Count - before);
        ledger.Problems.Add($"{descriptor.Id} failed: {exception.GetType().Name}: {exception.Message}");
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
