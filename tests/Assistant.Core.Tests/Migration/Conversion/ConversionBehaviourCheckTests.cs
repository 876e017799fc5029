using Assistant.Core.Migration.Conversion;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Python.Checks;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Conversion;

public sealed class ConversionBehaviourCheckTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Compare_Every_File_The_Same_On_Two_Workers_As_On_One_And_List_Them_In_The_Conversions_Order()
    {
        // Given the demo converted into a folder of its own
        using var converted = new TempDirectory();
        var destination = converted.Combine("out");
        var conversion = await new FolderConverter(shared.Parser, Ruleset).ConvertAsync(RepositoryLayout.Demo, "prefect3", FixPolicy.SafeAndReview);
        await using (var tree = ConvertedTreeWriter.Start(RepositoryLayout.Demo, destination))
        {
            await tree.CompleteAsync(conversion.Files, conversion.Generated);
        }

        // When its files are compared on the shared worker alone, and on it and a second worker side by side
        using var second = Workers.Start();
        var alone = await new ConversionBehaviourCheck([Checker(shared.Worker)], Ruleset).CheckAsync(RepositoryLayout.Demo, destination, conversion);
        var together = await new ConversionBehaviourCheck([Checker(shared.Worker), Checker(second)], Ruleset).CheckAsync(RepositoryLayout.Demo, destination, conversion);

        // Then both compare every changed module, in the conversion's order, with the same outcome; the second worker took its share
        var compared = ConversionBehaviourCheck.Compared(conversion).Select(f => f.Path).ToList();
        Assert.True(compared.Count > 2, string.Join(", ", compared));
        Assert.Equal(compared, alone.Files.Select(f => f.Path));
        Assert.Equal(Describe(alone), Describe(together));
        Assert.Contains(alone.Files, f => f.Settings.Count > 0);
        Assert.NotNull(second.ProcessId);
    }

    private static Assistant.Core.Rules.Ruleset Ruleset(string id) => BuiltInRulesets.Load(id, RepositoryLayout.Rulesets);

    private static BehaviourChecker Checker(Assistant.Core.Python.PythonWorker worker) => new(worker, CheckWorkspace.StandInCache, TimeSpan.FromSeconds(20));

    private static List<string> Describe(ConversionBehaviour behaviour) =>
        behaviour.Files.Select(f => $"{f.Path} entities={f.Entities} not_compared={f.NotCompared} new_error={f.NewError} stopped={f.OldStoppedAt} leftovers={string.Join(",", f.Leftovers)} "
            + string.Join("; ", f.Settings.Select(s => s.ToString()))).ToList();
}
