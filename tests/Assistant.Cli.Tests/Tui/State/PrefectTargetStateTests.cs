using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.State;

/// <summary>The overview's <c>t</c>: ask what switching the Prefect target does, confirm, switch; refused while work is in progress.</summary>
public sealed class PrefectTargetStateTests
{
    private static Transition Press(TuiState state, char key) => KeyMap.Dispatch(state, KeyMatch.Of(key));

    private static KeyBinding T(TuiState state) => KeyMap.Active(state).Single(b => b.Label == "t");

    [Fact]
    public void Should_Ask_The_Engine_What_Switching_To_The_Other_Target_Does()
    {
        var state = FakeRepository.Overview();

        var pressed = Press(state, 't');

        Assert.Equal(new TuiEffect.PlanTarget("prefect2"), pressed.Effect);
        Assert.Equal("checking the Prefect flows for prefect2", pressed.State.Busy);
    }

    [Fact]
    public void Should_Be_Disabled_With_The_Reason_On_A_Flyte_Only_Repository()
    {
        var flyteOnly = FakeRepository.Overview() with
        {
            Overview = FakeRepository.Overview().Overview with { Repository = FakeRepository.Header with { Frameworks = ["flyte1"] } },
        };

        var pressed = Press(flyteOnly, 't');

        Assert.Null(pressed.Effect);
        Assert.Equal("no Prefect 1 flows here (Flyte only)", T(flyteOnly).DisabledReason(flyteOnly));
        Assert.Equal("t: no Prefect 1 flows here (Flyte only)", pressed.State.Message!.Text);
    }

    [Fact]
    public void Should_Confirm_With_What_Is_Replanned_And_What_Is_Kept()
    {
        var planning = Press(FakeRepository.Overview(), 't').State;
        var plan = new TargetChangePlan("prefect3", "prefect2", ["daily-sales", "hourly"], ["weekly-report"], []);

        var asked = TuiUpdate.Apply(planning, new TuiEvent.TargetPlanned(plan)).State;

        Assert.Null(asked.Busy);
        Assert.Equal("Switch to prefect2", asked.Confirm!.Title);
        Assert.Equal(
            "Change the Prefect target from prefect3 to prefect2? 2 Prefect flows not started are re-planned for prefect2. 1 Prefect flow already committed, merged or skipped keeps its prefect3 branch. Saved in .flowmigrate/config.yaml.",
            asked.Confirm.Question);
        Assert.Equal(new TuiEffect.ChangeTarget("prefect2"), Press(asked, 'y').Effect);
        Assert.Null(Press(asked, 'n').Effect);
    }

    [Fact]
    public void Should_Refuse_Without_A_Question_While_A_Prefect_Flow_Is_In_Progress()
    {
        var planning = Press(FakeRepository.Overview(), 't').State;
        var plan = new TargetChangePlan("prefect3", "prefect2", [], [], ["daily-sales (step 2 of 5)"]);

        var refused = TuiUpdate.Apply(planning, new TuiEvent.TargetPlanned(plan)).State;

        Assert.Null(refused.Confirm);
        Assert.Null(refused.Busy);
        Assert.True(refused.Message!.IsError);
        Assert.Equal(
            "cannot switch to prefect2: daily-sales (step 2 of 5) is in progress on prefect3; finish or abandon (flowmigrate abandon FLOW) first — nothing was changed",
            refused.Message.Text);
    }

    [Fact]
    public void Should_Show_The_New_Target_And_The_Replanned_Flows_Once_Switched()
    {
        var switching = FakeRepository.Overview() with { Busy = "switching to prefect2" };
        var plan = new TargetChangePlan("prefect3", "prefect2", ["daily-sales"], [], []);

        var switched = TuiUpdate.Apply(switching, new TuiEvent.TargetChanged(plan, FakeRepository.Header with { PrefectTarget = "prefect2" }, FakeRepository.Flows)).State;

        Assert.Null(switched.Busy);
        Assert.Equal("prefect2", switched.Overview.Repository!.PrefectTarget);
        Assert.Equal("prefect3", switched.Overview.Repository.OtherPrefectTarget);
        Assert.Equal("Prefect target is now prefect2: 1 Prefect flow re-planned; saved in .flowmigrate/config.yaml (commit it so the team uses prefect2)", switched.Message!.Text);
    }
}
