using Assistant.Core.Python.Checks;

namespace Assistant.Core.Migration.Conversion;

/// <summary>
/// The behaviour check of one converted file: every setting its old code declared compared with the new code, or
/// <see cref="NotCompared"/> saying why there is nothing to compare (the old module did not load, no manifest).
/// </summary>
public sealed record FileBehaviour(string Path, IReadOnlyList<SettingComparison> Settings)
{
    /// <summary>How the behaviour check names an entity's existence among its settings.</summary>
    public const string Declaration = "(declaration)";

    /// <summary>Tasks, workflows and flows the old module declared.</summary>
    public int Entities { get; init; }

    /// <summary>Of <see cref="Entities"/>, those the new module no longer declares.</summary>
    public int EntitiesDropped => Settings.Count(s => s.Setting == Declaration && s.Status == SettingStatus.Dropped);

    /// <summary>Why the file's settings were not compared; null when they were.</summary>
    public string? NotCompared { get; init; }

    /// <summary>Why the new module did not load (its settings then count as dropped); null when it loaded.</summary>
    public string? NewError { get; init; }

    /// <summary>The old module's trailing statement that raised (compared with what it declared before); null when it ran to the end.</summary>
    public string? OldStoppedAt { get; init; }

    /// <summary>Old-framework modules the converted code still imports (left for a TODO); they got placeholders to load it.</summary>
    public IReadOnlyList<string> Leftovers { get; init; } = [];

    /// <summary>Settings (not entity declarations) with that status.</summary>
    public int Count(SettingStatus status) => Settings.Count(s => s.Status == status && s.Setting != Declaration);
}
