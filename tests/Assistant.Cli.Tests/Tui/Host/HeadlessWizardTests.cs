using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.Host;

/// <summary>Keys pushed through the key map, effects run by the real <c>SessionDriver</c> against the fake session: whole scenarios without a terminal.</summary>
public sealed class HeadlessWizardTests
{
    private const string DailyEtl = "flyte_flows/etl_pipeline.py::daily_etl";

    private static async Task<Headless> OpenDailyEtlAsync(TerminalSize? size = null)
    {
        var tui = await Headless.StartAsync(size);
        await tui.PressAsync('j', ConsoleKey.Enter);
        Assert.Equal(Screen.Wizard, tui.State.Screen);
        return tui;
    }

    [Fact]
    public async Task Should_Accept_Every_Step_And_Show_The_Flow_Committed_In_The_Overview()
    {
        var tui = await OpenDailyEtlAsync();

        for (var i = 0; i < 6 && tui.State.Screen == Screen.Wizard; i++)
        {
            await tui.PressAsync('a', ConsoleKey.Enter);
        }

        Assert.Equal(Screen.Overview, tui.State.Screen);
        Assert.Null(tui.State.Busy);
        Assert.Equal(FlowState.Committed, tui.State.Overview.Flows.Single(f => f.Id == DailyEtl).State);
        Assert.Equal(["accept", "accept", "accept", "accept"], tui.Session.WizardOf(DailyEtl).Calls);
        Assert.Contains("every step decided", tui.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Record_A_Skipped_Step_And_Show_It_With_A_Dash()
    {
        var tui = await OpenDailyEtlAsync();

        await tui.PressAsync('s');

        Assert.Equal(StepState.Skipped, tui.State.Wizard!.Snapshot.Steps[0].State);
        Assert.Contains("– 1 Environment", tui.Screen, StringComparison.Ordinal);
        Assert.Contains("skipped Environment (recorded)", tui.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Turn_A_Change_Off_And_Keep_It_Out_Of_The_Diff()
    {
        var tui = await OpenDailyEtlAsync();

        await tui.PressAsync(ConsoleKey.DownArrow, ConsoleKey.Spacebar);

        var change = tui.State.Wizard!.Change!;
        Assert.False(change.IsEnabled);
        Assert.DoesNotContain("+ env = flyte.TaskEnvironment", tui.Screen, StringComparison.Ordinal);
        Assert.Contains("○ off FLY010", tui.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Rediff_After_An_Edit_And_Report_An_Edit_That_Does_Not_Parse()
    {
        var tui = await OpenDailyEtlAsync();
        tui.Editor = text => "# reviewed\n" + text;

        await tui.PressAsync('e');
        Assert.Contains("+ # reviewed", tui.Screen, StringComparison.Ordinal);
        Assert.Contains("edit taken", tui.State.Message!.Text, StringComparison.Ordinal);

        tui.Editor = _ => "SYNTAX ERROR";
        await tui.PressAsync('e');
        Assert.True(tui.State.Message!.IsError);
        Assert.Contains("invalid syntax", tui.State.Message.Text, StringComparison.Ordinal);
        Assert.Contains("+ # reviewed", tui.Screen, StringComparison.Ordinal);

        tui.Editor = _ => null;
        await tui.PressAsync('e');
        Assert.Contains("edit not taken: the editor exited with code 1", tui.State.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Accept_All_Safe_Changes_After_Confirmation()
    {
        var tui = await OpenDailyEtlAsync();

        await tui.PressAsync('A', 'y');

        Assert.Equal(Screen.Overview, tui.State.Screen);
        Assert.Contains("accept all safe", tui.Session.WizardOf(DailyEtl).Calls);
    }

    [Fact]
    public async Task Should_Apply_A_Rule_In_Every_Flow_After_Showing_The_Count()
    {
        var tui = await OpenDailyEtlAsync();

        await tui.PressAsync('R');
        Assert.Contains("in 4 other flows and this one?", tui.Screen, StringComparison.Ordinal);
        await tui.PressAsync('y');

        Assert.Contains("accept rule FLY001", tui.Session.Calls);
        Assert.Equal("FLY001 accepted in 4 other flows and this one", tui.State.Message!.Text);
    }

    [Fact]
    public async Task Should_Check_Then_Commit_Anyway_When_The_Check_Fails()
    {
        var tui = await OpenDailyEtlAsync();
        tui.Session.WizardOf(DailyEtl).CheckReport = new FlowCheckReport(false, [new CheckFinding("error", "x.py", 3, "boom", "FLY010")], TimeSpan.Zero);

        await tui.PressAsync('c');
        Assert.True(tui.State.Check!.Failed);
        Assert.Contains("boom", tui.Screen, StringComparison.Ordinal);

        await tui.PressAsync('c', ConsoleKey.Enter);

        Assert.Equal(["check", "accept despite check", "accept"], tui.Session.WizardOf(DailyEtl).Calls);
        Assert.Equal("decorators", tui.State.Wizard!.Preview!.Step.Step.Id);
    }

    [Fact]
    public async Task Should_Skip_A_Flow_After_Confirmation_And_Show_Its_New_State()
    {
        var tui = await Headless.StartAsync();

        await tui.PressAsync('j', 'x', 'y');

        Assert.Equal(FlowState.Skipped, tui.State.Overview.Flows.Single(f => f.Id == DailyEtl).State);
        Assert.Contains($"skip flow {DailyEtl}", tui.Session.Calls);
    }

    [Fact]
    public async Task Should_Switch_The_Prefect_Target_After_Confirmation_And_Show_It_In_The_Header()
    {
        var session = FakeRepository.Session();
        session.Set(FakeRepository.Flows[4] with { State = FlowState.NotStarted });
        var tui = await Headless.StartAsync(session: session);

        await tui.PressAsync('t');
        Assert.Contains("from prefect3 to prefect2? 1 Prefect flow not started is re-planned for prefect2. 2 Prefect flows already committed, merged or skipped keep their prefect3 branches.",
            tui.State.Confirm!.Question, StringComparison.Ordinal);
        await tui.PressAsync('y');

        Assert.Equal("prefect2", tui.State.Overview.Repository!.PrefectTarget);
        Assert.Contains("target prefect2", tui.Session.Calls);
        Assert.Contains("Prefect target prefect2", tui.Screen, StringComparison.Ordinal);
        Assert.StartsWith("Prefect target is now prefect2: 1 Prefect flow re-planned", tui.State.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Refuse_To_Switch_The_Prefect_Target_While_A_Prefect_Flow_Is_In_Progress()
    {
        var session = FakeRepository.Session();
        session.Set(FakeRepository.Flows[4] with { State = FlowState.InProgress, Step = 2 });
        var tui = await Headless.StartAsync(session: session);

        await tui.PressAsync('t');

        Assert.Null(tui.State.Confirm);
        Assert.True(tui.State.Message!.IsError);
        Assert.Contains("cannot switch to prefect2: daily-sales is in progress on prefect3", tui.State.Message.Text, StringComparison.Ordinal);
        Assert.Equal("prefect3", tui.State.Overview.Repository!.PrefectTarget);
        Assert.DoesNotContain("target prefect2", tui.Session.Calls);
    }

    [Fact]
    public async Task Should_Keep_The_Prefect_Target_When_The_Switch_Is_Declined()
    {
        var tui = await Headless.StartAsync();

        await tui.PressAsync('t', 'n');

        Assert.Equal("prefect3", tui.State.Overview.Repository!.PrefectTarget);
        Assert.DoesNotContain("target prefect2", tui.Session.Calls);
    }
}
