namespace Assistant.Core.Python.Checks;

/// <summary>How one declared setting fared in the migration.</summary>
public enum SettingStatus
{
    Preserved,
    Changed,
    Dropped,

    /// <summary>Only the new code declares it (e.g. the Flyte 2 environment name): informational.</summary>
    Added,
}
