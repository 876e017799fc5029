using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// Runs a ruleset's steps in order over a set of files, each step on the previous step's output,
/// and returns every step's outcome with the project as it stands at the end. <paramref name="concurrency"/>:
/// how many modules a step works on at once (see <see cref="StepEngine"/>); <paramref name="releaseModules"/>: the
/// returned outcomes keep texts but not each step's parsed modules (a folder conversion of thousands of files
/// needs only the last ones, in <see cref="ConversionResult.Project"/>); <paramref name="confirmation"/>: when texts built on
/// in-process trees are confirmed with the user's Python (see <see cref="ConfirmationPoint"/>).
/// </summary>
public sealed class ConversionPipeline(ModuleParser parser, int concurrency = 1, bool releaseModules = false, ConfirmationPoint confirmation = ConfirmationPoint.EachStep)
{
    private readonly StepEngine _engine = new(parser, concurrency, confirmEachStep: confirmation == ConfirmationPoint.EachStep);

    public async Task<ConversionResult> RunAsync(Ruleset ruleset, ProjectModel project, IReadOnlyList<string> paths, RuleOptions options, FixPolicy policy,
        Func<MigrationStep, StepRequest, StepRequest>? adjust = null, CancellationToken cancellationToken = default)
    {
        // Confirming at the end starts during the last step: each module's final text goes to the user's Python as soon as the
        // module is done, in batches answered while the step works on the others.
        var confirmations = confirmation == ConfirmationPoint.End ? new SyntaxConfirmations(parser, cancellationToken) : null;
        var result = await RunStepsAsync(ruleset, project, paths, options, policy, adjust, confirmations is null ? null : Confirming(project, confirmations), cancellationToken).ConfigureAwait(false);
        if (confirmations is null || await ParsesAsync(project, result.Project, confirmations).ConfigureAwait(false))
        {
            return result;
        }

        // The in-process parser accepted a text the user's Python rejects: the steps run again, each confirmed (which
        // redoes a rejected module's step on the worker's trees alone, dropping the fixes that would not parse).
        return await new ConversionPipeline(parser, concurrency, releaseModules).RunAsync(ruleset, project, paths, options, policy, adjust, cancellationToken).ConfigureAwait(false);
    }

    // Whether every module the steps changed or added, and whose last tree the in-process parser built, parses with the user's Python.
    private static Task<bool> ParsesAsync(ProjectModel before, ProjectModel after, SyntaxConfirmations confirmations) =>
        confirmations.AllParseAsync(after.Modules.Where(m => NeedsConfirming(before, m)).Select(m => (m.Path, m.Text)));

    private static bool NeedsConfirming(ProjectModel before, PythonModule module) =>
        ModuleParser.ParsedInProcess(module) && !string.Equals(before.ModuleAt(module.Path)?.Text, module.Text, StringComparison.Ordinal);

    // A module the last step is done with is the module the project will hold at the end (the step's output module, or the
    // module it was given when it changed nothing).
    private static Action<FileChange> Confirming(ProjectModel before, SyntaxConfirmations confirmations) => change =>
    {
        if (change.Module is { } module && string.Equals(module.Text, change.After, StringComparison.Ordinal) && NeedsConfirming(before, module))
        {
            confirmations.Add(module.Path, module.Text);
        }
    };

    private async Task<ConversionResult> RunStepsAsync(Ruleset ruleset, ProjectModel project, IReadOnlyList<string> paths, RuleOptions options, FixPolicy policy,
        Func<MigrationStep, StepRequest, StepRequest>? adjust, Action<FileChange>? lastStepFinished, CancellationToken cancellationToken)
    {
        var outcomes = new List<StepOutcome>();
        var generated = new Dictionary<string, GeneratedFile>(StringComparer.Ordinal);
        var targets = paths.ToList();
        foreach (var step in ruleset.Steps)
        {
            var request = StepRequest.For(ruleset, step, project, targets, options, policy);
            if (adjust is not null)
            {
                request = adjust(step, request);
            }

            var outcome = await _engine.RunAsync(request, step == ruleset.Steps[^1] ? lastStepFinished : null, cancellationToken).ConfigureAwait(false);
            foreach (var file in outcome.Generated)
            {
                generated[file.Path] = file;
            }

            project = await ApplyAsync(project, outcome, cancellationToken).ConfigureAwait(false);
            outcomes.Add(releaseModules ? outcome with { Files = outcome.Files.Select(f => f with { Module = null }).ToList() } : outcome);
            foreach (var file in outcome.Generated.Where(g => !targets.Contains(g.Path)))
            {
                targets.Add(file.Path);
            }
        }

        return new ConversionResult(outcomes, project, generated.Values.OrderBy(g => g.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>The project with a step's changes and generated files in it.</summary>
    public async Task<ProjectModel> ApplyAsync(ProjectModel project, StepOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!outcome.HasChanges)
        {
            return project;
        }

        var modules = project.Modules.ToDictionary(m => m.Path, StringComparer.Ordinal);
        var others = project.OtherFiles.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var change in outcome.Files.Where(f => f.IsChanged && f.Module is not null && f.Module.Text == f.After))
        {
            modules[change.Path] = change.Module!;
        }

        var texts = outcome.Files.Where(f => f.IsChanged && (f.Module is null || f.Module.Text != f.After)).Select(f => (f.Path, Text: f.After, Encoding: modules.GetValueOrDefault(f.Path)?.Encoding))
            .Concat(outcome.Generated.Where(g => g.Text is not null).Select(g => (g.Path, Text: g.Text, Encoding: (SourceEncoding?)null)));
        foreach (var (path, text, encoding) in texts)
        {
            if (path.EndsWith(".py", StringComparison.Ordinal))
            {
                var parsed = await parser.ParseAsync(path, text, encoding ?? SourceEncoding.Utf8, cancellationToken).ConfigureAwait(false);
                if (parsed.Module is { } module)
                {
                    modules[path] = module;
                    continue;
                }
            }

            others[path] = text;
        }

        return new ProjectModel(modules.Values, others);
    }
}
