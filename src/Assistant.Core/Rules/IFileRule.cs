namespace Assistant.Core.Rules;

/// <summary>
/// A rule over a non-Python project file (requirements, pyproject.toml, Makefiles, CI YAML,
/// shell scripts, READMEs, Flyte/Prefect config): text in, findings with edits out.
/// </summary>
public interface IFileRule
{
    RuleDescriptor Descriptor { get; }

    /// <summary>True for the repo-relative paths ('/' separators) this rule reads.</summary>
    bool AppliesTo(string path);

    IEnumerable<Finding> Analyze(FileRuleContext context);
}
