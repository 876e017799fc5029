namespace Assistant.Core.Rules;

/// <summary>The contents of <c>rulesets/&lt;id&gt;/ruleset.yaml</c>; <see cref="RuleSteps"/> maps each listed rule to its step.</summary>
public sealed record RulesetManifest(
    string Id,
    string Name,
    string Version,
    string SourceFramework,
    string SourceVersions,
    string TargetFramework,
    string TargetVersions,
    IReadOnlyList<MigrationStep> Steps,
    IReadOnlyList<string> RuleOrder,
    IReadOnlyDictionary<string, string> RuleSteps,
    IReadOnlyList<string> TableNames)
{
    /// <summary>The line of <c>ruleset.yaml</c> that lists each rule id (for load errors); empty when built in code.</summary>
    public IReadOnlyDictionary<string, int> RuleLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of <c>ruleset.yaml</c> that lists each table name (for load errors); empty when built in code.</summary>
    public IReadOnlyDictionary<string, int> TableLines { get; init; } = new Dictionary<string, int>();
}
