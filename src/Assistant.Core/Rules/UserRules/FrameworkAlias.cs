namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// Declares a project or company name as standing for a framework object, so flowmigrate treats it as that
/// object: the scan finds the flows and tasks written with it, and the conversion first rewrites it to the
/// original (adding the original's import), after which the built-in rules convert it like any other use.
/// </summary>
/// <example>
/// <code>
/// new FrameworkAlias("acme.workflows.company_task", "prefect.task") { ExtraKeywords = ["team"] }
/// new FrameworkAlias("acme.workflows.CustomFlow", "prefect.Flow") { ExtraKeywords = ["team", "sla_minutes"] }
/// </code>
/// </example>
/// <param name="Name">The fully qualified name of the wrapper, as code imports it: <c>acme.workflows.company_task</c>.</param>
/// <param name="Original">The framework object it wraps or subclasses: <c>prefect.task</c>, <c>prefect.Flow</c>,
/// <c>flytekit.task</c>, <c>flytekit.workflow</c>. Must be under <c>prefect</c> or <c>flytekit</c>.</param>
public sealed record FrameworkAlias(string Name, string Original)
{
    /// <summary>
    /// Keywords the wrapper accepts that the original does not (<c>team=…</c>). They are removed from calls
    /// during the conversion, each with a manual TODO quoting the exact argument so no setting is lost silently.
    /// </summary>
    public IReadOnlyList<string> ExtraKeywords { get; init; } = [];

    /// <summary>What to do with the extra keywords, appended to their TODO (e.g. "put the team in tags=").</summary>
    public string? Note { get; init; }

    /// <summary>The last part of <see cref="Name"/>: the name code uses after <c>from … import</c>.</summary>
    public string LocalName => Name[(Name.LastIndexOf('.') + 1)..];

    /// <summary>The module part of <see cref="Original"/> (<c>prefect</c> for <c>prefect.task</c>).</summary>
    public string OriginalModule => Original[..Math.Max(0, Original.LastIndexOf('.'))];

    /// <summary>The last part of <see cref="Original"/> (<c>task</c> for <c>prefect.task</c>).</summary>
    public string OriginalName => Original[(Original.LastIndexOf('.') + 1)..];
}
