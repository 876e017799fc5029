namespace Assistant.Core.Git;

/// <summary>How commits relate: ancestry and merge bases.</summary>
internal sealed partial class GitRepository
{
    /// <summary>Whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/> (a commit is its own ancestor).</summary>
    public async Task<GitResult<bool>> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken = default)
    {
        var ids = await RevParseBothAsync(ancestor, descendant, cancellationToken);
        return ids.IsSuccess
            ? await ExitCodeAsBoolAsync(Read("merge-base", "--is-ancestor", ids.Value.A.Value, ids.Value.B.Value), $"Could not compare {ancestor} and {descendant}", cancellationToken)
            : ids.Error;
    }

    /// <summary>The best common ancestor of two commits, or null when their histories are unrelated.</summary>
    public async Task<GitResult<ObjectId?>> MergeBaseAsync(string first, string second, CancellationToken cancellationToken = default)
    {
        var ids = await RevParseBothAsync(first, second, cancellationToken);
        if (!ids.IsSuccess)
        {
            return ids.Error;
        }

        var command = Read("merge-base", ids.Value.A.Value, ids.Value.B.Value);
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.ExitCode switch
        {
            0 => Parse(command, run.Value, r => (ObjectId?)new ObjectId(r.Line)),
            1 when run.Value.CombinedOutput.Length == 0 => GitResult<ObjectId?>.Success(null),
            _ => GitFailure.From(command, run.Value, GitErrorKind.CommandFailed, $"Could not find a merge base of {first} and {second}"),
        };
    }
}
