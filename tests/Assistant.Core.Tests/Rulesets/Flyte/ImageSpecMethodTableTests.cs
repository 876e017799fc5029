using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>The ImageSpec method table names real methods on both sides (flytekit.json → flyte.json).</summary>
public sealed class ImageSpecMethodTableTests
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
}
