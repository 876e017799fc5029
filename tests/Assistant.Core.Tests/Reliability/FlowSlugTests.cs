using Assistant.Core.Migration.Session;

namespace Assistant.Core.Tests.Reliability;

/// <summary>Branch names for modules whose names are not plain ASCII: deterministic, distinct, and valid git refs.</summary>
public sealed class FlowSlugTests
{
    [Theory]
    [InlineData("flows/données.py", "flows.donnees")]
    [InlineData("flows/Straße_ÆØ.py", "flows.strasse_aeo")]
    [InlineData("pipelines/łódź.py", "pipelines.lodz")]
    [InlineData("flows/données.py::flux_été", "flows.donnees.flux_ete")]
    public void Should_Spell_Accented_Latin_Names_Without_Accents(string file, string slug) =>
        Assert.Equal(slug, FlowSlug.For([file])[file]);

    [Fact]
    public void Should_Give_Names_Without_A_Latin_Spelling_A_Stable_Hash_Whatever_Else_Is_In_The_Repository()
    {
        var alone = FlowSlug.For(["flows/名前.py"])["flows/名前.py"];
        var withOthers = FlowSlug.For(["flows/データ.py", "flows/名前.py", "flows/a.py"]);

        Assert.Matches("^flows-[0-9a-f]{6}$", alone);
        Assert.Equal(alone, withOthers["flows/名前.py"]);
        Assert.NotEqual(alone, withOthers["flows/データ.py"]);
    }

    [Theory]
    [InlineData("flows/名前.py")]
    [InlineData("flows/データ.py")]
    [InlineData("a..b/c.lock.py")]
    [InlineData("@{x}/-lead.py")]
    [InlineData("odd/CON~^:?*[ \\name.py")]
    [InlineData("ελληνικά/ροή.py")]
    [InlineData("emoji/🚀.py")]
    public void Should_Make_A_Branch_Git_Accepts(string file)
    {
        var branch = FlowSlug.Branch(FlowSlug.For([file])[file]);

        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check-ref-format");
        start.ArgumentList.Add(branch);
        using var git = System.Diagnostics.Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, branch);
    }
}
