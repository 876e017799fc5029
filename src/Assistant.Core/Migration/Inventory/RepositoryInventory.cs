namespace Assistant.Core.Migration.Inventory;

/// <summary>What <c>scan</c> found: the framework files, and the flows in them, in a stable order.</summary>
public sealed record RepositoryInventory(string Root, IReadOnlyList<FileRecord> Files, IReadOnlyList<FlowRecord> Flows, ScanStatistics Statistics)
{
    /// <summary>Submodules and nested repositories under the root (repo-relative, ordinal order): not scanned.</summary>
    public IReadOnlyList<string> NestedRepositories { get; init; } = [];

    public IReadOnlyList<Framework> Frameworks =>
        Files.Select(f => f.Framework).Where(f => f != Framework.None).Distinct().Order().ToList();
}
