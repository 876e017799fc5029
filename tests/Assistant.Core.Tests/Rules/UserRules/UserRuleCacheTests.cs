using Assistant.Core.Rules.UserRules;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.UserRules;

public sealed class UserRuleCacheTests
{
    internal static readonly string ExampleRules = Path.Combine(RepositoryLayout.Root, "rulesets", "examples", "company-wrappers", "rules");

    internal static List<UserRuleSource> Example() =>
        Directory.GetFiles(ExampleRules, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => new UserRuleSource("rules/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();

    [Fact]
    public void Should_Compile_Once_And_Serve_The_Second_Start_From_The_Cache_Until_A_File_Changes()
    {
        using var directory = new TempDirectory();
        var cache = new UserRuleCache(directory.Path);

        var first = cache.GetOrCompile(Example());
        var second = cache.GetOrCompile(Example());
        var edited = Example();
        edited[0] = edited[0] with { Text = edited[0].Text + "\n// edited\n" };
        var third = cache.GetOrCompile(edited);

        Assert.False(first.FromCache);
        Assert.Empty(first.Errors);
        Assert.True(File.Exists(first.AssemblyPath));
        Assert.True(second.FromCache);
        Assert.Equal(first.AssemblyPath, second.AssemblyPath);
        Assert.Equal(first.TypeFiles, second.TypeFiles);
        Assert.False(third.FromCache);
        Assert.NotEqual(first.AssemblyPath, third.AssemblyPath);
    }

    [Fact]
    public void Should_Report_Errors_With_File_Line_And_Column_And_Compile_The_Other_Files()
    {
        using var directory = new TempDirectory();
        var broken = new UserRuleSource("rules/Broken.cs", "namespace Acme;\n\npublic sealed class Broken : IRule\n{\n    public RuleDescriptor Descriptor => Missing();\n}\n");

        var compiled = new UserRuleCache(directory.Path).GetOrCompile([.. Example(), broken]);
        var again = new UserRuleCache(directory.Path).GetOrCompile([.. Example(), broken]);

        Assert.NotNull(compiled.AssemblyPath);
        Assert.Contains(compiled.Errors, e => e.ToString() == "rules/Broken.cs:5:41: error CS0103: The name 'Missing' does not exist in the current context");
        Assert.All(compiled.Errors, e => Assert.Equal("rules/Broken.cs", e.File));
        Assert.Equal("rules/CompanyWrappers.cs", compiled.TypeFiles["Acme.FlowmigrateRules.CompanyWrappers"]);
        Assert.True(again.FromCache);
        Assert.Equal(compiled.Errors, again.Errors);
    }

    [Fact]
    public void Should_Not_Let_User_Rules_See_The_Internals_Of_The_Rule_Api()
    {
        using var directory = new TempDirectory();
        var peeking = new UserRuleSource("rules/Peek.cs", "namespace Acme;\n\npublic static class Peek\n{\n    public static object Rule => new Assistant.Core.Rules.UserRules.FrameworkAliasRule([], \"x\");\n}\n");

        var compiled = new UserRuleCache(directory.Path).GetOrCompile([peeking]);

        Assert.Null(compiled.AssemblyPath);
        Assert.Contains(compiled.Errors, e => e.Code == "CS0122" && e.Line == 5);
    }
}
