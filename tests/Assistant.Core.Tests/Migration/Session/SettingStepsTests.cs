using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;

namespace Assistant.Core.Tests.Migration.Session;

public sealed class SettingStepsTests
{
    [Theory]
    [InlineData("flyte1-to-flyte2", "FLY101", "resources.memory.limit", true)]
    [InlineData("flyte1-to-flyte2", "FLY401", "resources.memory.limit", false)]
    [InlineData("flyte1-to-flyte2", "FLY401", "trigger[daily].schedule", true)]
    [InlineData("flyte1-to-flyte2", "FLY101", "trigger[daily].schedule", false)]
    [InlineData("flyte1-to-flyte2", "FLY999", "resources.memory.limit", false)]
    [InlineData("prefect1-to-prefect3", "PF340", "task_runner", true)]
    [InlineData("prefect1-to-prefect3", "PF310", "task_runner", false)]
    [InlineData("prefect1-to-prefect3", "PF310", "retries", true)]
    [InlineData("prefect1-to-prefect3", "PF341", "name", true)]
    [InlineData("prefect1-to-prefect3", "PF330", "name", false)]
    public void Should_Let_Only_The_Rules_Of_The_Step_That_Converts_A_Setting_Explain_It(string rulesetId, string rule, string setting, bool mayExplain)
    {
        var ruleset = BuiltInRulesets.Load(rulesetId, RepositoryLayout.Rulesets);

        Assert.Equal(mayExplain, SettingSteps.For(ruleset)(rule, setting));
    }
}
