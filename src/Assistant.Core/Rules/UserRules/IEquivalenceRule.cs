namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// A user rule that declares wrappers as equivalent to framework objects (the common case in a few lines):
/// an in-house <c>@company_task(team=…)</c> that calls <c>@task</c>, or a <c>CustomFlow</c> subclass of
/// <c>Flow</c> with extra keywords. A class may implement this and <see cref="IRule"/> together; it needs a
/// public parameterless constructor.
/// </summary>
public interface IEquivalenceRule
{
    /// <summary>The wrappers and the framework objects they stand for.</summary>
    IReadOnlyList<FrameworkAlias> Aliases { get; }
}
