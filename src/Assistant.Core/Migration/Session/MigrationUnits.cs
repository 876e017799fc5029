using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Forms the migration units of an inventory for a mode (see <see cref="MigrationUnit"/>): side by side, one
/// unit (one branch) per flow; in place, one per group of flows that share a module. A unit is named after
/// its first flow id, or keeps the branch one of its flows already has.
/// </summary>
internal static class MigrationUnits
{
    public static IReadOnlyList<MigrationUnit> Form(RepositoryInventory inventory, string mode, string prefectTarget, IReadOnlySet<string> existingBranches)
    {
        var flows = inventory.Flows.Where(f => FrameworkNames.IsSource(f.Framework)).ToList();
        var slugs = FlowSlug.For(flows.Select(f => f.Id));
        // Side by side, the old code stays untouched, so every flow gets its own branch (two flows of one
        // file write byte-identical copies of it, so their branches merge cleanly). In place, flows that
        // share any module migrate together: no old flow may be left importing converted code.
        // A file is converted whole, so a flow's scope is its file plus the task modules of every flow defined there.
        var byFile = Groups(flows, f => [f.File]);
        var scopes = byFile.SelectMany(group => group.Select(f => (f.Id, Files: group.SelectMany(g => g.Files).Distinct().ToList())))
            .ToDictionary(p => p.Id, p => p.Files, StringComparer.Ordinal);
        var groups = mode == "in-place" ? Groups(flows, f => f.Files) : flows.Select(f => new List<FlowRecord> { f }).ToList();
        return groups
            .Select(group => group.OrderBy(f => f.Id, StringComparer.Ordinal).ToList())
            .Select(group => new MigrationUnit(
                Slug(group, slugs, existingBranches),
                group,
                group.SelectMany(f => scopes[f.Id]).Distinct().Order(StringComparer.Ordinal).ToList(),
                group[0].Framework == Framework.Flyte1 ? "flyte1-to-flyte2" : $"prefect1-to-{prefectTarget}"))
            .OrderBy(u => u.Lead.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static string Slug(List<FlowRecord> group, IReadOnlyDictionary<string, string> slugs, IReadOnlySet<string> existingBranches)
    {
        var candidates = group.Select(f => slugs[f.Id]).Distinct().Order(StringComparer.Ordinal).ToList();
        return candidates.FirstOrDefault(slug => existingBranches.Contains(FlowSlug.Branch(slug))) ?? candidates[0];
    }

    // Union-find over flows that share any of the given files.
    private static List<List<FlowRecord>> Groups(List<FlowRecord> flows, Func<FlowRecord, IEnumerable<string>> filesOf)
    {
        var parent = Enumerable.Range(0, flows.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flows.Count; i++)
        {
            foreach (var file in filesOf(flows[i]))
            {
                if (owner.TryGetValue(file, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    owner[file] = i;
                }
            }
        }

        return Enumerable.Range(0, flows.Count).GroupBy(Find).Select(g => g.Select(i => flows[i]).ToList()).ToList();
    }
}
