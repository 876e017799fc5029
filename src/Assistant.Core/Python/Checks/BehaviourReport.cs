namespace Assistant.Core.Python.Checks;

/// <summary>Every setting of every entity the old module declared, compared with the new module.</summary>
public sealed record BehaviourReport(ModuleDeclarations Before, ModuleDeclarations After, IReadOnlyList<SettingComparison> Settings)
{
    /// <summary>Changed or dropped settings without an explaining TODO.</summary>
    public IReadOnlyList<SettingComparison> Failures => Settings.Where(s => s.IsFailure).ToList();

    /// <summary>Both modules loaded and every difference is explained.</summary>
    public bool Passed => Before.Loaded && After.Loaded && Failures.Count == 0;

    public IEnumerable<SettingComparison> Differences => Settings.Where(s => s.Status != SettingStatus.Preserved);
}
