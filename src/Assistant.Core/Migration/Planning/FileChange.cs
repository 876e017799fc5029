using Assistant.Core.Source.Diff;

namespace Assistant.Core.Migration.Planning;

/// <summary>What one step does to one file.</summary>
public sealed record FileChange(string Path, string Before, string After)
{
    public IReadOnlyList<AppliedFinding> Applied { get; init; } = [];

    /// <summary>Fixes the policy did not apply (review fixes in safe-only mode, changes the user turned off).</summary>
    public IReadOnlyList<AppliedFinding> Declined { get; init; } = [];

    /// <summary>Fixes removed because the output would not parse, or that conflicted with an earlier fix for good.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The parsed result when the file is a Python module (saves parsing it again).</summary>
    public Source.PythonModule? Module { get; init; }

    /// <summary>How many times the step's rules were run over the file (the last run, which found nothing left to apply, included):
    /// what later passes cost is visible to tests.</summary>
    internal int Passes { get; init; }

    public bool IsChanged => !string.Equals(Before, After, StringComparison.Ordinal);

    public TextDiff Diff(int context = 3) => TextDiffer.Compute(Before, After, context);
}
