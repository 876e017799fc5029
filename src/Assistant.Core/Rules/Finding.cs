using Assistant.Core.Source;

namespace Assistant.Core.Rules;

/// <summary>
/// What a rule found at <see cref="Span"/> of the module: a message, and either a fix (edits),
/// a manual TODO, or both (a fix that converts most of it and a TODO for the rest).
/// </summary>
public sealed record Finding(string RuleId, TextSpan Span, string Message)
{
    public Fix? Fix { get; init; }

    public ManualTodo? Todo { get; init; }

    /// <summary>
    /// Findings the same rule returned before this one in the same pass that this one goes with: it is applied only in a pass
    /// that applies all of them (not while one is declined, waits for the next pass or is dropped), e.g. the removal of an
    /// import that their fixes together leave unused, which would otherwise wait until a pass finds the name unused. Null or
    /// empty: applied on its own.
    /// </summary>
    public IReadOnlyList<Finding>? Requires { get; init; }
}
