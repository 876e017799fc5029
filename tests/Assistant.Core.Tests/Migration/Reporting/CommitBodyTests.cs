using Assistant.Core.Migration.Reporting;

namespace Assistant.Core.Tests.Migration.Reporting;

public sealed class CommitBodyTests
{
    [Fact]
    public void Should_Read_The_Rule_Lines_And_Stop_At_The_Manual_Todos()
    {
        const string message = "flowmigrate: daily_etl — Triggers\n\n- FLY401: schedule as an inactive trigger\n- FLY402: launch plan inputs\n\nManual TODOs:\n- FLY401 a.py:3: cutover\n\nFlowmigrate-Step: triggers\n";

        var rules = CommitBody.Rules(message);

        Assert.Equal(["FLY401: schedule as an inactive trigger", "FLY402: launch plan inputs"], rules);
    }

    [Fact]
    public void Should_Find_No_Rules_In_A_Subject_Only_Message()
    {
        Assert.Empty(CommitBody.Rules("flowmigrate: x — y"));
    }
}
