using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>The changes of one step over a set of files, plus files the step generates.</summary>
public sealed record StepOutcome(MigrationStep Step, IReadOnlyList<FileChange> Files, IReadOnlyList<GeneratedFile> Generated, IReadOnlyList<string> Problems)
{
    public bool HasChanges => Files.Any(f => f.IsChanged) || Generated.Count > 0;
}
