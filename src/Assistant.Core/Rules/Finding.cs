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
}
