using Assistant.Core.Migration.Planning;

namespace Assistant.Core.Migration.Conversion;

/// <summary>One file of a folder conversion: its text before and after every step, the findings applied, declined and the problems.</summary>
public sealed record ConvertedFile(string Path, string RulesetId, string Before, string After)
{
    public IReadOnlyList<AppliedFinding> Applied { get; init; } = [];

    public IReadOnlyList<AppliedFinding> Declined { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The encoding the source file was read in (and <see cref="After"/> is written in); null when not known, and
    /// <see cref="ConvertedTreeWriter"/> reads it from the source file again.</summary>
    public Source.SourceEncoding? Encoding { get; init; }

    public bool IsChanged => !string.Equals(Before, After, StringComparison.Ordinal);
}
