using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.State;

public sealed class CheckStateTests
{
    private static readonly FlowCheckReport Failed = new(false, [new CheckFinding("error", "flyte_flows_v2/etl_pipeline.py", 9, "unexpected keyword 'retries'", "FLY021")], TimeSpan.FromSeconds(1));

    private static Transition Press(TuiState state, object key) =>
        KeyMap.Dispatch(state, key is char c ? KeyMatch.Of(c) : KeyMatch.Of((ConsoleKey)key));

    private static TuiState Checking()
    {
        var (opened, _) = FakeRepository.Opened();
        return Press(opened, 'c').State;
    }

    [Fact]
    public void Should_Run_The_Check_With_A_Spinner_And_Disable_Leaving_Meanwhile()
    {
        var (opened, _) = FakeRepository.Opened();

        var transition = Press(opened, 'c');

        Assert.IsType<TuiEffect.RunCheck>(transition.Effect);
        Assert.Equal(Screen.Check, transition.State.Screen);
        Assert.True(transition.State.Check!.IsRunning);
        Assert.Equal(transition.State.Frame + 1, TuiUpdate.Apply(transition.State, new TuiEvent.Ticked()).State.Frame);
        Assert.Equal(Screen.Check, Press(transition.State, 'q').State.Screen);
    }

    [Fact]
    public void Should_Offer_The_Commit_When_The_Check_Passes()
    {
        var passed = TuiUpdate.Apply(Checking(), new TuiEvent.CheckFinished(new FlowCheckReport(true, [], TimeSpan.FromSeconds(1)))).State;

        var commit = Press(passed, ConsoleKey.Enter).State;

        Assert.Equal(Screen.Commit, commit.Screen);
        Assert.Null(commit.Commit!.OverriddenCheck);
        Assert.Equal("the check passed (enter commits)", CheckKeys.All.Single(k => k.Label == "c").DisabledReason(passed));
    }

    [Fact]
    public void Should_Offer_Retry_Edit_Commit_Anyway_And_Back_When_The_Check_Fails()
    {
        var failed = TuiUpdate.Apply(Checking(), new TuiEvent.CheckFinished(Failed)).State;

        Assert.Equal(["r", "e", "c", "?", "q"], CheckKeys.All.Where(k => k.InBar && k.DisabledReason(failed) is null).Select(k => k.Label));
        Assert.IsType<TuiEffect.RunCheck>(Press(failed, 'r').Effect);
        Assert.IsType<TuiEffect.EditFile>(Press(failed, 'e').Effect);
        Assert.Equal(Screen.Wizard, Press(failed, ConsoleKey.Escape).State.Screen);

        var anyway = Press(failed, 'c').State;
        Assert.Equal(Screen.Commit, anyway.Screen);
        Assert.Same(Failed, anyway.Commit!.OverriddenCheck);
        Assert.Equal(new TuiEffect.AcceptDespiteCheck(Failed), Press(anyway, ConsoleKey.Enter).Effect);
    }

    [Fact]
    public void Should_Show_A_Commit_Refused_By_The_Engine_As_A_Failed_Check()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var committing = Press(Press(opened, 'a').State, ConsoleKey.Enter).State;

        var refused = TuiUpdate.Apply(committing, new TuiEvent.Committed(new CommitResult("environment", null, "the import check failed: x.py:3 boom"), WizardSnapshot.Of(wizard))).State;

        Assert.Equal(Screen.Check, refused.Screen);
        Assert.True(refused.Check!.Failed);
        Assert.Null(refused.Busy);
    }

    [Fact]
    public void Should_Turn_An_Engine_Failure_During_The_Check_Into_A_Failed_Report()
    {
        var failed = TuiUpdate.Apply(Checking(), new TuiEvent.Failed("the Python worker stopped")).State;

        Assert.True(failed.Check!.Failed);
        Assert.Equal("the Python worker stopped", failed.Check.Report!.Findings[0].Message);
    }
}
