namespace Assistant.Core.Python.Checks;

/// <summary>Every setting of every entity the old module declared, compared with the new module.</summary>
public sealed record BehaviourReport(ModuleDeclarations Before, ModuleDeclarations After, IReadOnlyList<SettingComparison> Settings)
{
    /// <summary>Changed or dropped settings without an explaining TODO.</summary>
    public IReadOnlyList<SettingComparison> Failures => Settings.Where(s => s.IsFailure).ToList();

    /// <summary>What the graph check found comparing the flows' calls (<see cref="GraphComparer"/>).</summary>
    public IReadOnlyList<GraphFinding> Graph { get; init; } = [];

    /// <summary>Both modules loaded, every difference is explained, and the flows call the same tasks with the same data.</summary>
    public bool Passed => Before.Loaded && After.Loaded && Failures.Count == 0 && !Graph.Any(g => g.IsFailure);

    public IEnumerable<SettingComparison> Differences => Settings.Where(s => s.Status != SettingStatus.Preserved);
}
