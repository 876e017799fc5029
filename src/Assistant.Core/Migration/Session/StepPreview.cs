using Assistant.Core.Migration.Planning;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// What accepting the current step would do: the changed files (before/after text, diff), the
/// changes with their rules (toggle them by <see cref="ChangeKey"/>), the TODOs this step adds, and
/// problems (dropped fixes, rule failures). <see cref="Outcome"/> is the engine's raw result.
/// </summary>
public sealed record StepPreview(
    StepView Step,
    IReadOnlyList<FileChange> Files,
    IReadOnlyList<ProposedChange> Changes,
    IReadOnlyList<TodoItem> Todos,
    IReadOnlyList<string> Problems,
    StepOutcome Outcome)
{
    public bool IsEmpty => !Outcome.HasChanges;
}
