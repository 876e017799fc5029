using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>Which fixes a run applies: those up to <see cref="MaxSafety"/> plus the ones the user accepted beyond it
/// (<see cref="IsIncluded"/>), minus the ones the user turned off (by file and anchor).</summary>
public sealed record FixPolicy(Safety MaxSafety, Func<string, Finding, string, bool>? IsExcluded = null)
{
    /// <summary>Fixes above <see cref="MaxSafety"/> applied anyway because the user accepted them (a rule accepted for every flow).
    /// Manual fixes are never applied.</summary>
    public Func<string, Finding, string, bool>? IsIncluded { get; init; }

    public static FixPolicy SafeOnly { get; } = new(Safety.Safe);

    public static FixPolicy SafeAndReview { get; } = new(Safety.Review);

    /// <summary>True when the finding's fix is applied: within the safety limit and not turned off (by path and <see cref="ChangeAnchor"/>).</summary>
    public bool Accepts(string path, Finding finding, string anchor) =>
        finding.Fix is { } fix && fix.Safety != Safety.Manual
        && (fix.Safety <= MaxSafety || IsIncluded?.Invoke(path, finding, anchor) == true)
        && IsExcluded?.Invoke(path, finding, anchor) != true;

    public bool Excludes(string path, Finding finding, string anchor) => IsExcluded?.Invoke(path, finding, anchor) == true;

    /// <summary>False when neither <see cref="Accepts"/> nor <see cref="Excludes"/> reads the anchor (no decisions of the user's).</summary>
    internal bool ReadsAnchors => IsExcluded is not null || IsIncluded is not null;
}
