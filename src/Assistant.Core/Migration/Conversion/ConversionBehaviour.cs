using Assistant.Core.Python.Checks;

namespace Assistant.Core.Migration.Conversion;

/// <summary>The behaviour check of a whole folder conversion (<c>convert --check</c>).</summary>
public sealed record ConversionBehaviour(IReadOnlyList<FileBehaviour> Files)
{
    public int Count(SettingStatus status) => Files.Sum(f => f.Count(status));

    /// <summary>Settings the old code declared: preserved, changed or dropped (added ones are the new code's own).</summary>
    public int Declared => Count(SettingStatus.Preserved) + Count(SettingStatus.Changed) + Count(SettingStatus.Dropped);

    /// <summary>Share of the declared settings the new code declares with the same value; 100 when nothing was declared.</summary>
    public double PreservedPercent => Declared == 0 ? 100 : 100.0 * Count(SettingStatus.Preserved) / Declared;

    /// <summary>Changed or dropped settings, and dropped entities, no TODO explains.</summary>
    public int Unexplained => Files.Sum(f => f.Settings.Count(s => s.IsFailure));

    /// <summary>Tasks, workflows and flows the old modules declared.</summary>
    public int Entities => Files.Sum(f => f.Entities);

    /// <summary>Of <see cref="Entities"/>, those the new modules no longer declare (their settings count as dropped).</summary>
    public int EntitiesDropped => Files.Sum(f => f.EntitiesDropped);
}
