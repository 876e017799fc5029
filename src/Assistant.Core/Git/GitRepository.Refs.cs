using System.Text;

namespace Assistant.Core.Git;

/// <summary>Moving refs and comparing trees: what re-planning a flow branch on a new base needs.</summary>
internal sealed partial class GitRepository
{
    /// <summary>
    /// Points <paramref name="fullRefName"/> at <paramref name="commit"/>, only if it still points at
    /// <paramref name="expected"/> (null: the ref must not exist yet), so a concurrent change is never overwritten.
    /// </summary>
    public async Task<GitResult> UpdateRefAsync(string fullRefName, string commit, string? expected, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.Revision(fullRefName) is { } invalidRef)
        {
            return invalidRef;
        }

        var target = await RevParseAsync(commit, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var old = expected is null ? new string('0', target.Value.Value.Length) : expected;
        var run = await RunCheckedAsync(Write("update-ref", "-m", "flowmigrate: re-plan on a new base", fullRefName, target.Value.Value, old),
            GitErrorKind.CommandFailed, $"Could not move {fullRefName}", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }

    /// <summary>The files among <paramref name="paths"/> that differ between two commits (repo-relative, '/'-separated).</summary>
    public async Task<GitResult<IReadOnlyList<string>>> ChangedFilesAsync(string from, string to, IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        foreach (var path in paths)
        {
            if (GitArgumentGuard.RepoRelativePath(path) is { } invalid)
            {
                return invalid;
            }
        }

        var ids = await RevParseBothAsync(from, to, cancellationToken);
        if (!ids.IsSuccess)
        {
            return ids.Error;
        }

        var command = Read(["diff", "--no-ext-diff", "--no-renames", "--name-only", "-z", ids.Value.A.Value, ids.Value.B.Value, "--", .. paths]);
        var run = await RunCheckedAsync(command, GitErrorKind.CommandFailed, $"Could not compare {from} with {to}", cancellationToken);
        return run.IsSuccess
            ? Parse(command, run.Value, r => (IReadOnlyList<string>)Encoding.UTF8.GetString(r.StandardOutputBytes).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            : run.Error;
    }
}
