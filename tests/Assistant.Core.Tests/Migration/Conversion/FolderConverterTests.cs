using Assistant.Core.Migration.Conversion;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Conversion;

public sealed class FolderConverterTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Convert_Each_Framework_As_It_Would_Alone_When_The_Groups_Convert_Side_By_Side()
    {
        // Given the demo's Flyte and Prefect flows in one folder, and each framework's flows in a folder of their own
        using var both = new TempDirectory();
        using var flyteOnly = new TempDirectory();
        using var prefectOnly = new TempDirectory();
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "flyte_flows"), both.Combine("flyte_flows"));
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "prefect_flows"), both.Combine("prefect_flows"));
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "flyte_flows"), flyteOnly.Combine("flyte_flows"));
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "prefect_flows"), prefectOnly.Combine("prefect_flows"));
        var converter = new FolderConverter(shared.Parser, id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets));

        // When the folder of both converts (its two groups side by side) and each framework converts alone
        var together = await converter.ConvertAsync(both.Path, "prefect3", FixPolicy.SafeAndReview);
        var flyte = await converter.ConvertAsync(flyteOnly.Path, "prefect3", FixPolicy.SafeAndReview);
        var prefect = await converter.ConvertAsync(prefectOnly.Path, "prefect3", FixPolicy.SafeAndReview);

        // Then every file, finding and generated file is what it is alone, in the same order (Flyte's group first)
        var alone = flyte.Files.Concat(prefect.Files).ToList();
        Assert.Contains(together.Files, f => f.RulesetId == "flyte1-to-flyte2" && f.IsChanged);
        Assert.Contains(together.Files, f => f.RulesetId == "prefect1-to-prefect3" && f.IsChanged);
        Assert.Equal(alone.Select(f => (f.Path, f.RulesetId, f.After)), together.Files.Select(f => (f.Path, f.RulesetId, f.After)));
        Assert.Equal(alone.Select(f => string.Join(",", f.Applied.Select(a => $"{a.Finding.RuleId}@{a.Line}"))), together.Files.Select(f => string.Join(",", f.Applied.Select(a => $"{a.Finding.RuleId}@{a.Line}"))));
        Assert.Equal(flyte.Generated.Concat(prefect.Generated).Select(g => (g.Path, g.Text)), together.Generated.Select(g => (g.Path, g.Text)));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
