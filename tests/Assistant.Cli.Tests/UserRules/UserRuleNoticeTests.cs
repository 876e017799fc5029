using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tests.UserRules;

public sealed class UserRuleNoticeTests
{
    [Fact]
    public void Should_Show_The_First_User_Rule_Problem_In_The_Status_Line_When_The_Session_Opens()
    {
        var header = FakeRepository.Header with
        {
            Notices = [".flowmigrate/rules/Broken.cs:5:106: error CS1002: ; expected (file left out; the other rules run)", "second"],
        };

        var state = TuiUpdate.Apply(new TuiState(), new TuiEvent.SessionOpened(header, FakeRepository.Flows)).State;

        Assert.True(state.Message!.IsError);
        Assert.Equal("user rules: .flowmigrate/rules/Broken.cs:5:106: error CS1002: ; expected (file left out; the other rules run) (+1 more; `flowmigrate scan` lists them)", state.Message.Text);
    }

    [Fact]
    public void Should_Say_Nothing_When_There_Is_No_User_Rule_Problem()
    {
        var state = TuiUpdate.Apply(new TuiState(), new TuiEvent.SessionOpened(FakeRepository.Header, FakeRepository.Flows)).State;

        Assert.Null(state.Message);
    }
}
