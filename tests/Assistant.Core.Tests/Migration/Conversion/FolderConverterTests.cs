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

    [Fact]
    public async Task Should_Convert_The_Same_Without_Looking_For_Flows_When_None_Are_To_Be_Listed()
    {
        // Given the demo's Flyte and Prefect flows
        using var both = new TempDirectory();
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "flyte_flows"), both.Combine("flyte_flows"));
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "prefect_flows"), both.Combine("prefect_flows"));
        var converter = new FolderConverter(shared.Parser, id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets));

        // When the folder converts with its flows listed, and without
        var listed = await converter.ConvertAsync(both.Path, "prefect3", FixPolicy.SafeAndReview);
        var unlisted = await converter.ConvertAsync(both.Path, "prefect3", FixPolicy.SafeAndReview, listFlows: false);

        // Then only the inventory's flows differ
        Assert.Equal(10, listed.Inventory.Flows.Count);
        Assert.Empty(unlisted.Inventory.Flows);
        Assert.Equal(listed.Inventory.Files, unlisted.Inventory.Files);
        Assert.Equal(listed.Files.Select(f => (f.Path, f.RulesetId, f.After, f.Applied.Count, f.Declined.Count)), unlisted.Files.Select(f => (f.Path, f.RulesetId, f.After, f.Applied.Count, f.Declined.Count)));
        Assert.Equal(listed.Generated.Select(g => (g.Path, g.Text)), unlisted.Generated.Select(g => (g.Path, g.Text)));
    }

    [Fact]
    public async Task Should_Read_The_Project_Modules_A_Flow_Module_Imports_From_Without_Converting_Them()
    {
        // Given a flow copy whose parameter defaults live in a constants enum, in a package module that imports no framework
        using var folder = new TempDirectory();
        foreach (var (path, text) in FlowCopyProject.Files)
        {
            folder.Write(path, text);
        }

        var converter = new FolderConverter(shared.Parser, id => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets));

        // When the folder converts
        var conversion = await converter.ConvertAsync(folder.Path, "prefect3", FixPolicy.SafeAndReview);

        // Then the enum's value, read through the package's re-export, is the copy's deployment parameters, and only the flow module converts
        Assert.Equal(["pipelines/flows.py"], conversion.Files.Select(f => f.Path));
        Assert.Contains(FlowCopyProject.ConvertedCopy, conversion.Files[0].After, StringComparison.Ordinal);
        Assert.Contains(FlowCopyProject.DeploymentParameters, conversion.Generated.Single(g => g.Path == "deployments/radar.prefect.yaml").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Convert_One_Framework_Though_The_Other_Frameworks_Ruleset_Does_Not_Load()
    {
        // Given a folder of Prefect flows only, and a Flyte ruleset that cannot be loaded (rulesets load while the files are read)
        using var prefectOnly = new TempDirectory();
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "prefect_flows"), prefectOnly.Combine("prefect_flows"));
        var converter = new FolderConverter(shared.Parser, id => id == "flyte1-to-flyte2"
            ? throw new InvalidDataException("flyte1-to-flyte2/ruleset.yaml is broken")
            : BuiltInRulesets.Load(id, RepositoryLayout.Rulesets));

        // When it converts
        var conversion = await converter.ConvertAsync(prefectOnly.Path, "prefect3", FixPolicy.SafeAndReview);

        // Then the Prefect files convert, untouched by the ruleset they do not need
        Assert.NotEmpty(conversion.Files);
        Assert.All(conversion.Files, f => Assert.Equal("prefect1-to-prefect3", f.RulesetId));
        Assert.Contains(conversion.Files, f => f.IsChanged);
    }

    [Fact]
    public async Task Should_Fail_With_The_Rulesets_Own_Error_When_A_Ruleset_The_Folder_Needs_Does_Not_Load()
    {
        // Given the demo's Flyte and Prefect flows, and a Prefect ruleset that cannot be loaded
        using var both = new TempDirectory();
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "flyte_flows"), both.Combine("flyte_flows"));
        CopyFolder(Path.Combine(RepositoryLayout.Demo, "prefect_flows"), both.Combine("prefect_flows"));
        var converter = new FolderConverter(shared.Parser, id => id == "prefect1-to-prefect3"
            ? throw new InvalidDataException("prefect1-to-prefect3/ruleset.yaml is broken")
            : BuiltInRulesets.Load(id, RepositoryLayout.Rulesets));

        // When it converts, then the conversion fails with the ruleset's error
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => converter.ConvertAsync(both.Path, "prefect3", FixPolicy.SafeAndReview));
        Assert.Equal("prefect1-to-prefect3/ruleset.yaml is broken", failure.Message);
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
