using Assistant.Core.Tests.Support;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets;

/// <summary>
/// The reference mappings the coverage checklists are generated from ship with the rulesets, so the
/// checklists run on every clone; the shipped copies must equal ../shared/reference when it is present.
/// </summary>
public sealed class ShippedReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("flyte1-to-flyte2", "flyte.md")]
    [InlineData("prefect1-common", "prefect.md")]
    public void Shipped_Reference_Should_Equal_The_Shared_Reference(string rulesetFolder, string name)
    {
        var shipped = Path.Combine(RepositoryLayout.Rulesets, rulesetFolder, "reference", name);
        Assert.True(File.Exists(shipped), $"{shipped} is missing: copy ../shared/reference/{name} there");
        var shared = Path.Combine(RepositoryLayout.SharedReference, name);
        if (!File.Exists(shared))
        {
            // xunit 2 cannot skip at run time: say why nothing was compared.
            output.WriteLine($"SKIPPED comparison: {shared} is absent; the shipped copy is used as is");
            return;
        }

        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(shipped));
    }
}
