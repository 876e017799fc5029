using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>Run these rules of one step over <see cref="Paths"/> of the project (Python modules and other text files).</summary>
public sealed record StepRequest(
    MigrationStep Step,
    IReadOnlyList<IRule> Rules,
    IReadOnlyList<IFileRule> FileRules,
    ProjectModel Project,
    IReadOnlyList<string> Paths,
    RulesetTables Tables,
    RuleOptions Options,
    FixPolicy Policy)
{
    public static StepRequest For(Ruleset ruleset, MigrationStep step, ProjectModel project, IReadOnlyList<string> paths, RuleOptions options, FixPolicy policy) =>
        new(step, ruleset.RulesOf(step.Id).ToList(), ruleset.FileRulesOf(step.Id).ToList(), project, paths, ruleset.Tables, options, policy);
}
