namespace Assistant.Core.Migration.Inventory;

/// <summary>What <c>scan</c> found: the framework files, and the flows in them, in a stable order.</summary>
public sealed record RepositoryInventory(string Root, IReadOnlyList<FileRecord> Files, IReadOnlyList<FlowRecord> Flows, ScanStatistics Statistics)
{
    /// <summary>Submodules and nested repositories under the root (repo-relative, ordinal order): not scanned unless asked.</summary>
    public IReadOnlyList<string> NestedRepositories { get; init; } = [];

    /// <summary>The files of <see cref="NestedRepositories"/> were scanned too (<c>--submodules</c>).</summary>
    public bool NestedRepositoriesScanned { get; init; }

    /// <summary>The submodule or nested repository a repo-relative path lies in (the innermost), or null when it is this repository's own.</summary>
    public string? NestedRepositoryOf(string path) =>
        NestedRepositories.Where(n => path.StartsWith(n + "/", StringComparison.Ordinal)).MaxBy(n => n.Length);

    public IReadOnlyList<Framework> Frameworks =>
        Files.Select(f => f.Framework).Where(f => f != Framework.None).Distinct().Order().ToList();
}
