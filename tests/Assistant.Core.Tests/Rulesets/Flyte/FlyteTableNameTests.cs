using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>Names in the Flyte tables that the broader data tests do not cover exist in the API manifests (flytekit.json → flyte.json).</summary>
public sealed class FlyteTableNameTests
{
    private static readonly string Directory = Path.Combine(RepositoryLayout.Rulesets, "flyte1-to-flyte2");

    [Fact]
    public void Every_Method_Should_Exist_On_ImageSpec_And_On_Flyte_Image()
    {
        var kit = ApiManifest.Load(Path.Combine(Directory, "api", "flytekit.json"));
        var flyte = ApiManifest.Load(Path.Combine(Directory, "api", "flyte.json"));
        var table = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets).Tables["image-spec-methods"];

        var missing = table.Rows.Select(r => "flytekit.image_spec.ImageSpec." + r.Require("old")).Where(n => !kit.Exists(n))
            .Concat(table.Rows.Select(r => "flyte.Image." + r.Require("new")).Where(n => !flyte.Exists(n)))
            .ToList();

        Assert.NotEmpty(table.Rows);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_Accelerator_Helper_Should_Be_A_Flyte_Function()
    {
        var flyte = ApiManifest.Load(Path.Combine(Directory, "api", "flyte.json"));
        var table = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets).Tables["accelerators"];

        var helpers = table.Rows.Select(r => r.Require("helper")).Where(h => h != "none").Distinct().ToList();

        Assert.Equal(["GPU", "TPU"], helpers.Order(StringComparer.Ordinal));
        Assert.All(helpers, h => Assert.True(flyte.Exists("flyte." + h), $"flyte.{h} is not in flyte.json"));
        Assert.All(table.Rows.Where(r => r.Require("helper") != "none"), r => Assert.False(string.IsNullOrEmpty(r.Get("device")), $"accelerators.yaml:{r.Line}: no device"));
    }
}
