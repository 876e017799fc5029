using Assistant.Core.Migration.Planning;

namespace Assistant.Core.Migration.Conversion;

/// <summary>One file of a folder conversion: its text before and after every step, the findings applied, declined and the problems.</summary>
public sealed record ConvertedFile(string Path, string RulesetId, string Before, string After)
{
    public IReadOnlyList<AppliedFinding> Applied { get; init; } = [];

    public IReadOnlyList<AppliedFinding> Declined { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool IsChanged => !string.Equals(Before, After, StringComparison.Ordinal);
}
