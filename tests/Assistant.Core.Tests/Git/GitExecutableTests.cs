using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitExecutableTests
{
    [Fact]
    public async Task Should_Find_Git_And_Its_Version_When_Git_Is_On_Path()
    {
        var git = await GitExecutable.LocateAsync();

        Assert.True(git.IsSuccess, git.ToString());
        Assert.True(File.Exists(git.Value.Path));
        Assert.True(git.Value.Version >= GitExecutable.MinimumVersion);
    }

    [Fact]
    public async Task Should_Report_GitNotFound_When_Path_Has_No_Git()
    {
        using var empty = new TempDirectory();

        var git = await GitExecutable.LocateAsync(empty.Path);

        Assert.Equal(GitErrorKind.GitNotFound, git.Error?.Kind);
        Assert.Contains("not found", git.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Report_GitNotFound_When_Path_Is_Unset()
    {
        var git = await GitExecutable.LocateAsync(searchPath: null);

        Assert.Equal(GitErrorKind.GitNotFound, git.Error?.Kind);
    }

    [Theory]
    [InlineData("git version 2.39.5\n", "2.39.5")]
    [InlineData("git version 2.45.1.windows.1\n", "2.45.1")]
    [InlineData("git version 2.37.1 (Apple Git-137.1)\n", "2.37.1")]
    [InlineData("git version 3.0\n", "3.0.0")]
    public void Should_Parse_Version_When_Git_Prints_A_Known_Format(string output, string expected)
    {
        Assert.Equal(Version.Parse(expected), GitExecutable.ParseVersion(output));
    }

    [Fact]
    public void Should_Not_Parse_Version_When_Output_Is_Not_Git()
    {
        Assert.Null(GitExecutable.ParseVersion("hub version 1.0\n"));
    }
}
