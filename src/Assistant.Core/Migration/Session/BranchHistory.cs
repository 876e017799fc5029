using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>What a flow branch's commits (base..branch) say: steps committed and skipped, completion, and whether flowmigrate made it.</summary>
internal sealed record BranchHistory(IReadOnlyList<CommitInfo> Commits, IReadOnlySet<string> CommittedSteps, IReadOnlySet<string> SkippedSteps, bool IsComplete, bool IsForeign)
{
    /// <summary>Steps the latest commits found with nothing to change, as of the newest commit.</summary>
    public IReadOnlySet<string> EmptySteps { get; init; } = new HashSet<string>();

    public static BranchHistory Empty { get; } = new([], new HashSet<string>(), new HashSet<string>(), false, false);

    public static BranchHistory From(IReadOnlyList<CommitInfo> commits, MigrationUnit unit)
    {
        var ours = commits.Where(c => c.TrailerValues(Trailers.Flow).Any(unit.Contains)).ToList();
        return new BranchHistory(
            commits,
            ours.SelectMany(c => c.TrailerValues(Trailers.Step)).ToHashSet(StringComparer.Ordinal),
            ours.SelectMany(c => c.TrailerValues(Trailers.SkippedStep)).ToHashSet(StringComparer.Ordinal),
            ours.Any(c => c.TrailerValues(Trailers.Complete).Contains("true")),
            commits.Count > 0 && ours.Count == 0)
        {
            EmptySteps = ours.Take(1).SelectMany(c => c.TrailerValues(Trailers.EmptyStep)).ToHashSet(StringComparer.Ordinal),
        };
    }
}
