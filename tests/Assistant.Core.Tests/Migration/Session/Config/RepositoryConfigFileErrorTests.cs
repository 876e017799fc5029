using Assistant.Core.Migration.Session.Config;

namespace Assistant.Core.Tests.Migration.Session.Config;

/// <summary>A bad <c>.flowmigrate/config.yaml</c> is a configuration error (not a ruleset error) naming file, line and key.</summary>
public sealed class RepositoryConfigFileErrorTests
{
    [Theory]
    [InlineData("mode: side-by-side\nprefect_traget: prefect3\n", 2, "prefect_traget", "unknown setting")]
    [InlineData("mode: sideways\n", 1, "mode", "'sideways' is not one of side-by-side, in-place")]
    [InlineData("mode: in-place\nschedules_inactive: maybe\n", 2, "schedules_inactive", "is not true or false")]
    [InlineData("- mode\n", 1, "(document)", "expected a mapping of settings")]
    public void Should_Fail_With_The_File_Line_And_Key(string text, int line, string key, string problem)
    {
        var error = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigFile.Parse(".flowmigrate/config.yaml", text));

        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        Assert.StartsWith($".flowmigrate/config.yaml:{line}: {key}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
