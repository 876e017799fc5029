using Assistant.Core.Git;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// What <c>status</c> reads of a flow branch, for every branch at once (<see cref="FlowStatusReader"/>): its commits past the
/// base (newest first), the unit's converted files at its tip and on the base, and whether the base is one of its ancestors.
/// </summary>
internal sealed record BranchSnapshot(
    IReadOnlyList<CommitInfo> Commits,
    IReadOnlyDictionary<string, byte[]> OutputsAtTip,
    IReadOnlyDictionary<string, byte[]> OutputsOnBase,
    bool ContainsBase)
{
    /// <summary>
    /// Whether <paramref name="baseCommit"/> is an ancestor of <paramref name="tip"/>, from the tip's commits past the base alone:
    /// any path from the tip down to the base leaves those commits through a parent the base reaches, and a commit the base
    /// reaches that reaches the base is the base itself.
    /// </summary>
    public static bool Reaches(ObjectId tip, IReadOnlyList<CommitInfo> commits, ObjectId baseCommit) =>
        tip == baseCommit || commits.Any(commit => commit.Parents.Contains(baseCommit));
}
