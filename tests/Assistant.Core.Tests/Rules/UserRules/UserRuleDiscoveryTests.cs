using Assistant.Core.Rules.UserRules;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.UserRules;

public sealed class UserRuleDiscoveryTests
{
    [Fact]
    public void Should_Find_The_Rules_Folder_And_The_Configured_Folders_And_Name_A_Missing_One()
    {
        using var repo = new TempDirectory();
        repo.Write(".flowmigrate/rules/A.cs", "// a");
        repo.Write(".flowmigrate/rules/notes.txt", "not a rule");
        repo.Write("tools/migration-rules/B.cs", "// b");

        var (sources, problems) = UserRuleDiscovery.Find(repo.Path, ["tools/migration-rules", "nowhere"]);

        Assert.Equal([".flowmigrate/rules/A.cs", "tools/migration-rules/B.cs"], sources.Select(s => s.DisplayPath));
        Assert.Equal([".flowmigrate/config.yaml: rule_folders names nowhere, which does not exist"], problems);
    }

    [Fact]
    public void Should_Find_Nothing_In_A_Repository_Without_User_Rules()
    {
        using var repo = new TempDirectory();

        var (sources, problems) = UserRuleDiscovery.Find(repo.Path, []);

        Assert.Empty(sources);
        Assert.Empty(problems);
    }
}
