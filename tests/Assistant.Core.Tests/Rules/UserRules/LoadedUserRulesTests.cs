using Assistant.Core.Rules.UserRules;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.UserRules;

public sealed class LoadedUserRulesTests
{
    [Fact]
    public void Should_Load_The_Example_Rules_And_Their_Aliases_In_A_Collectible_Context()
    {
        using var directory = new TempDirectory();
        var compiled = new UserRuleCache(directory.Path).GetOrCompile(UserRuleCacheTests.Example());

        using var loaded = LoadedUserRules.Load(compiled.AssemblyPath!);

        Assert.Empty(loaded.Errors);
        Assert.Equal(["ACME001"], loaded.Rules.Select(r => r.Descriptor.Id));
        Assert.Equal([("acme.workflows.company_task", "prefect.task"), ("acme.workflows.CustomFlow", "prefect.Flow")], loaded.Aliases.Select(a => (a.Name, a.Original)));
        Assert.True(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(loaded.Rules[0].GetType().Assembly)!.IsCollectible);
    }

    [Fact]
    public void Should_Refuse_An_Alias_Of_Something_That_Is_Not_A_Framework_Object()
    {
        using var directory = new TempDirectory();
        var source = new UserRuleSource("rules/Bad.cs", "namespace Acme;\n\npublic sealed class Bad : IEquivalenceRule\n{\n    public IReadOnlyList<FrameworkAlias> Aliases { get; } = [new(\"acme.task\", \"airflow.task\")];\n}\n");
        var compiled = new UserRuleCache(directory.Path).GetOrCompile([source]);

        using var loaded = LoadedUserRules.Load(compiled.AssemblyPath!);

        Assert.Empty(loaded.Aliases);
        Assert.Equal(["Acme.Bad: alias original 'airflow.task' must be a prefect.* or flytekit.* name such as prefect.task"], loaded.Errors);
    }
}
