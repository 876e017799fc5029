using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Rules.UserRules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Rules.UserRules;

public sealed class FrameworkAliasTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string FlyteSource =
        "from acme.ml import company_task\nfrom flytekit import workflow\n\n\n" +
        "@company_task(team=\"ml\", retries=2)\ndef train(x: int) -> int:\n    return x\n\n\n" +
        "@workflow\ndef pipeline(x: int) -> int:\n    return train(x=x)\n";

    private static readonly FrameworkAlias CompanyTask = new("acme.ml.company_task", "flytekit.task") { ExtraKeywords = ["team"] };

    [Fact]
    public async Task Should_Count_A_Wrapped_Task_As_A_Task_Of_Its_Flow_Only_When_Declared()
    {
        using var repo = new TempDirectory();
        repo.Write("flows/train.py", FlyteSource);

        var plain = await new InventoryBuilder(shared.Parser).BuildAsync(repo.Path);
        var aliased = await new InventoryBuilder(shared.Parser, new FrameworkAliasMap([CompanyTask])).BuildAsync(repo.Path);

        Assert.Empty(Assert.Single(plain.Flows).Tasks);
        Assert.Equal(["train"], Assert.Single(aliased.Flows).Tasks.Select(t => t.Name));
    }

    [Fact]
    public async Task Should_Convert_A_Wrapped_Flyte_Task_Like_A_Flytekit_Task_With_A_Todo_For_The_Extra_Keyword()
    {
        var builtIn = BuiltInRulesets.Load("flyte1-to-flyte2");
        var ruleset = new Ruleset(builtIn.Manifest, [new FrameworkAliasRule([CompanyTask], builtIn.Steps[0].Id), .. builtIn.Rules], builtIn.FileRules, builtIn.Tables, builtIn.Directory);
        var module = await shared.Parser.ModuleAsync(FlyteSource, "flows/train.py");

        var result = await new ConversionPipeline(shared.Parser).RunAsync(ruleset, new ProjectModel([module]), ["flows/train.py"],
            RulesetOptions.For(ruleset), FixPolicy.SafeAndReview);
        var converted = result.Project.ModuleAt("flows/train.py")!.Text;

        Assert.DoesNotContain("company_task(", converted);
        Assert.DoesNotContain("acme", converted.Replace("acme.ml.company_task", string.Empty, StringComparison.Ordinal));
        Assert.Contains("# TODO(flowmigrate ALIAS): company_task took team=\"ml\", which flytekit.task does not;", converted);
        Assert.Contains("@env.task", converted);
        Assert.Empty(result.Steps.SelectMany(s => s.Problems.Concat(s.Files.SelectMany(f => f.Problems))));
    }

    [Fact]
    public void Should_Leave_The_Example_Rules_Out_Of_The_Built_In_Rulesets()
    {
        Assert.DoesNotContain(typeof(BuiltInRulesets).Assembly.GetTypes(), t => t.Namespace?.StartsWith("Acme", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("examples", BuiltInRulesets.Ids());
    }
}
