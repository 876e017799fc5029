namespace Assistant.Core.Git;

/// <summary>A local branch (<c>refs/heads/…</c>) or a remote-tracking branch (<c>refs/remotes/&lt;remote&gt;/…</c>).</summary>
internal sealed record BranchInfo(string FullName, string? RemoteName, ObjectId Commit, DateTimeOffset CommitterDate)
{
    /// <summary>The full name of the configured upstream (e.g. <c>refs/remotes/origin/main</c>), if any.</summary>
    public string? Upstream { get; init; }

    public bool IsRemote => RemoteName is not null;

    /// <summary>The branch name without <c>refs/heads/</c> or <c>refs/remotes/&lt;remote&gt;/</c>: <c>flowmigrate/etl</c>.</summary>
    public string BranchName => FullName[(IsRemote ? $"refs/remotes/{RemoteName}/" : "refs/heads/").Length..];

    /// <summary>The name git shows: <c>flowmigrate/etl</c> or <c>origin/flowmigrate/etl</c>.</summary>
    public string ShortName => IsRemote ? $"{RemoteName}/{BranchName}" : BranchName;
}
