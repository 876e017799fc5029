using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>Which fixes a run applies: those up to <see cref="MaxSafety"/>, minus the ones the user turned off.</summary>
public sealed record FixPolicy(Safety MaxSafety, Func<string, Finding, bool>? IsExcluded = null)
{
    public static FixPolicy SafeOnly { get; } = new(Safety.Safe);

    public static FixPolicy SafeAndReview { get; } = new(Safety.Review);

    public bool Accepts(string path, Finding finding) =>
        finding.Fix is { } fix && fix.Safety <= MaxSafety && fix.Safety != Safety.Manual && IsExcluded?.Invoke(path, finding) != true;
}
