namespace Assistant.Core.Rules;

/// <summary>
/// One migration path (<c>flyte1-to-flyte2</c>, <c>prefect1-to-prefect3</c>…): its steps in wizard
/// order and, per step, its rules in the order they run — the one visible pipeline.
/// </summary>
public sealed class Ruleset
{
    public Ruleset(RulesetManifest manifest, IReadOnlyList<IRule> rules, IReadOnlyList<IFileRule> fileRules, RulesetTables tables, string directory)
    {
        Manifest = manifest;
        Rules = rules;
        FileRules = fileRules;
        Tables = tables;
        Directory = directory;
    }

    public RulesetManifest Manifest { get; }

    public string Id => Manifest.Id;

    public IReadOnlyList<MigrationStep> Steps => Manifest.Steps;

    public IReadOnlyList<IRule> Rules { get; }

    public IReadOnlyList<IFileRule> FileRules { get; }

    public RulesetTables Tables { get; }

    /// <summary>The ruleset's folder (manifest, tables, fixtures, docs).</summary>
    public string Directory { get; }

    public IEnumerable<IRule> RulesOf(string stepId) => Rules.Where(r => r.Descriptor.Step == stepId);

    public IEnumerable<IFileRule> FileRulesOf(string stepId) => FileRules.Where(r => r.Descriptor.Step == stepId);

    public IEnumerable<RuleDescriptor> Descriptors => Rules.Select(r => r.Descriptor).Concat(FileRules.Select(r => r.Descriptor));

    public override string ToString() => $"{Id}@{Manifest.Version}";
}
