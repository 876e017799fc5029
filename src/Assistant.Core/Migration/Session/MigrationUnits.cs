using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>Forms the migration units of an inventory for a mode (see <see cref="MigrationUnit"/>).</summary>
internal static class MigrationUnits
{
    public static IReadOnlyList<MigrationUnit> Form(RepositoryInventory inventory, string mode, string prefectTarget)
    {
        var flows = inventory.Flows.Where(f => FrameworkNames.IsSource(f.Framework)).ToList();
        var slugs = FlowSlug.For(flows.Select(f => f.Id));
        var groups = mode == "in-place" ? SharedFileGroups(flows) : flows.Select(f => new List<FlowRecord> { f }).ToList();
        return groups
            .Select(group => group.OrderBy(f => f.Id, StringComparer.Ordinal).ToList())
            .Select(group => new MigrationUnit(
                slugs[group[0].Id],
                group,
                group.SelectMany(f => f.Files).Distinct().Order(StringComparer.Ordinal).ToList(),
                group[0].Framework == Framework.Flyte1 ? "flyte1-to-flyte2" : $"prefect1-to-{prefectTarget}"))
            .OrderBy(u => u.Lead.Id, StringComparer.Ordinal)
            .ToList();
    }

    // Union-find over flows that share any file.
    private static List<List<FlowRecord>> SharedFileGroups(List<FlowRecord> flows)
    {
        var parent = Enumerable.Range(0, flows.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flows.Count; i++)
        {
            foreach (var file in flows[i].Files)
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
