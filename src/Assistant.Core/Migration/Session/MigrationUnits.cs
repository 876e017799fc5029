using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>Forms the migration units of an inventory for a mode (see <see cref="MigrationUnit"/>); a unit is named after its first flow id.</summary>
internal static class MigrationUnits
{
    // existingBranches: a unit keeps the branch one of its modules already has.
    public static IReadOnlyList<MigrationUnit> Form(RepositoryInventory inventory, string mode, string prefectTarget, IReadOnlySet<string> existingBranches)
    {
        var flows = inventory.Flows.Where(f => FrameworkNames.IsSource(f.Framework)).ToList();
        var slugs = FlowSlug.For(flows.Select(f => f.File));
        // A file is converted whole, so flows defined in one file always migrate together; in place,
        // so do flows that share any module (no old flow may be left importing converted code).
        var groups = Groups(flows, mode == "in-place" ? f => f.Files : f => [f.File]);
        return groups
            .Select(group => group.OrderBy(f => f.Id, StringComparer.Ordinal).ToList())
            .Select(group => new MigrationUnit(
                Slug(group, slugs, existingBranches),
                group,
                group.SelectMany(f => f.Files).Distinct().Order(StringComparer.Ordinal).ToList(),
                group[0].Framework == Framework.Flyte1 ? "flyte1-to-flyte2" : $"prefect1-to-{prefectTarget}"))
            .OrderBy(u => u.Lead.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static string Slug(List<FlowRecord> group, IReadOnlyDictionary<string, string> slugs, IReadOnlySet<string> existingBranches)
    {
        var candidates = group.Select(f => slugs[f.File]).Distinct().Order(StringComparer.Ordinal).ToList();
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
