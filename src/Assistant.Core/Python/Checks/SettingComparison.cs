namespace Assistant.Core.Python.Checks;

/// <summary>One setting of one entity, before and after; a change or drop is explained by a TODO that mentions it.</summary>
public sealed record SettingComparison(string Entity, string Setting, SettingStatus Status, string? Before, string? After)
{
    /// <summary>The TODO text that explains this difference, if any.</summary>
    public string? ExplainedBy { get; init; }

    public bool IsExplained => ExplainedBy is not null;

    /// <summary>A changed or dropped setting no TODO explains: the step fails.</summary>
    public bool IsFailure => Status is SettingStatus.Changed or SettingStatus.Dropped && !IsExplained;

    public override string ToString() => Status switch
    {
        SettingStatus.Changed => $"{Entity}: {Setting} changed: {Before} → {After}",
        SettingStatus.Dropped => $"{Entity}: {Setting} dropped (was {Before})",
        SettingStatus.Added => $"{Entity}: {Setting} added: {After}",
        _ => $"{Entity}: {Setting} preserved: {Before}",
    } + (IsExplained ? $" — explained by: {ExplainedBy}" : string.Empty);
}
