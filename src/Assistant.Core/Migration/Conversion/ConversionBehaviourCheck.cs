using Assistant.Core.Migration.Session;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Conversion;

/// <summary>
/// <c>convert --check</c>: compares what each converted module declares in the written tree with what the source
/// module declared (both read through the recording stand-ins of the ruleset's API manifests, as the session's
/// check does), file by file. Imports of the old framework left in the converted code for a TODO get placeholders, so
/// the rest of the module is compared; they are listed (<see cref="FileBehaviour.Leftovers"/>). A TODO explains a difference only when a rule of the step that converts that setting wrote it.
/// The files are compared on every checker given at once (each with a Python worker of its own, which forks a child per side:
/// one core each), a file's two sides on the same one; the result lists them in the conversion's order whichever finished first.
/// </summary>
public sealed class ConversionBehaviourCheck(IReadOnlyList<BehaviourChecker> checkers, Func<string, Ruleset> loadRuleset)
{
    /// <param name="sourceRoot">The folder that was converted (the old code).</param>
    /// <param name="convertedRoot">The folder the converted tree was written to.</param>
    /// <param name="conversion">The conversion; only changed Python modules are compared (<see cref="Compared"/>).</param>
    /// <param name="cancellationToken">Stops the check between modules.</param>
    public async Task<ConversionBehaviour> CheckAsync(string sourceRoot, string convertedRoot, FolderConversion conversion, CancellationToken cancellationToken = default)
    {
        var files = Compared(conversion);
        // Loaded before the checkers start: they share them.
        var rulesets = files.Select(f => f.RulesetId).Distinct(StringComparer.Ordinal).ToDictionary(id => id, loadRuleset, StringComparer.Ordinal);
        var results = await CheckQueue.RunAsync(checkers, files,
            (checker, file, token) => CheckAsync(checker, rulesets[file.RulesetId], sourceRoot, convertedRoot, file, token), cancellationToken).ConfigureAwait(false);
        return new ConversionBehaviour(results);
    }

    /// <summary>The files the check compares: the Python modules the conversion changed, in its order.</summary>
    public static IReadOnlyList<ConvertedFile> Compared(FolderConversion conversion) =>
        conversion.Files.Where(f => f.IsChanged && f.Path.EndsWith(".py", StringComparison.Ordinal)).ToList();

    private static async Task<FileBehaviour> CheckAsync(BehaviourChecker checker, Ruleset ruleset, string sourceRoot, string convertedRoot, ConvertedFile file, CancellationToken cancellationToken)
    {
        if (RulesetManifests.Source(ruleset) is not { } old || RulesetManifests.Target(ruleset) is not { } target)
        {
            return new FileBehaviour(file.Path, []) { NotCompared = $"ruleset {ruleset.Id} ships no API manifest of its source or target" };
        }

        var after = new BehaviourSide(convertedRoot, file.Path, [target])
        {
            DeploymentFiles = RulesetManifests.DeploymentFiles(convertedRoot),
            StubbedLeftovers = RulesetManifests.LeftoverPackages(ruleset),
        };
        var before = new BehaviourSide(sourceRoot, file.Path, [old]) { KeepsDeclarationsBeforeAFailure = true };
        var report = await checker.CompareAsync(before, after,
            TodoMarkers.Read(file.After), cancellationToken, SettingSteps.For(ruleset)).ConfigureAwait(false);
        if (!report.Before.Loaded)
        {
            return new FileBehaviour(file.Path, []) { NotCompared = $"the old module did not load: {Describe(report.Before)}" };
        }

        return new FileBehaviour(file.Path, WithSettingsOfDroppedEntities(report))
        {
            Entities = report.Before.Entities.Count,
            NewError = report.After.Loaded ? null : Describe(report.After),
            OldStoppedAt = report.Before.StoppedAt?.ToString(),
            Leftovers = report.After.Warnings.Where(w => w.Kind == "leftover_framework").Select(w => w.Module).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    // An entity the new module no longer declares takes its settings with it: each counts as dropped (explained when
    // the entity's disappearance is), so a module that stops loading cannot raise the preserved share.
    private static List<SettingComparison> WithSettingsOfDroppedEntities(BehaviourReport report)
    {
        var settings = report.Settings.ToList();
        foreach (var dropped in report.Settings.Where(s => s.Setting == FileBehaviour.Declaration && s.Status == SettingStatus.Dropped))
        {
            var entity = report.Before.Entities.First(e => e.Name == dropped.Entity);
            settings.AddRange(entity.Settings.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new SettingComparison(entity.Name, p.Key, SettingStatus.Dropped, p.Value, null) { ExplainedBy = dropped.ExplainedBy }));
        }

        return settings;
    }

    private static string Describe(ModuleDeclarations declarations) =>
        declarations.Error?.ToString() ?? declarations.Outcome.ToString();
}
