using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.State;

public sealed class OverviewStateTests
{
    private static TuiState Press(TuiState state, params object[] keys)
    {
        foreach (var key in keys)
        {
            state = KeyMap.Dispatch(state, key is char c ? KeyMatch.Of(c) : KeyMatch.Of((ConsoleKey)key)).State;
        }

        return state;
    }

    [Fact]
    public void Should_List_In_Progress_Flows_First_When_Sorted_By_State()
    {
        var state = FakeRepository.Overview();

        Assert.Equal(
            ["train_model", "daily_etl", "daily_etl_6am", "weekly_kpis", "daily-sales", "inventory-sync", "weekly-report"],
            state.Overview.Visible.Select(f => f.Name));
    }

    [Fact]
    public void Should_Sort_By_File_And_Keep_Selection_In_Range_When_O_Is_Pressed()
    {
        var state = Press(FakeRepository.Overview(), 'o');

        Assert.Equal(FlowSort.File, state.Overview.Sort);
        Assert.Equal("flyte_flows/etl_pipeline.py", state.Overview.Visible[0].File);
        Assert.Equal(0, state.Overview.Selected);
        Assert.Equal(FlowSort.State, Press(state, 'o').Overview.Sort);
    }

    [Fact]
    public void Should_Filter_By_Typed_Text_After_Slash_And_Clear_With_Escape()
    {
        var state = Press(FakeRepository.Overview(), '/', 'e', 't', 'l');

        Assert.True(state.Overview.IsFiltering);
        Assert.Equal("etl", state.Overview.Filter);
        Assert.Equal(["daily_etl", "daily_etl_6am"], state.Overview.Visible.Select(f => f.Name));

        var kept = Press(state, ConsoleKey.Enter);
        Assert.False(kept.Overview.IsFiltering);
        Assert.Equal("etl", kept.Overview.Filter);

        var cleared = Press(state, ConsoleKey.Escape);
        Assert.Equal(string.Empty, cleared.Overview.Filter);
        Assert.Equal(7, cleared.Overview.Visible.Count);
    }

    [Fact]
    public void Should_Type_Letters_That_Are_Keys_Elsewhere_Into_The_Filter()
    {
        var state = Press(FakeRepository.Overview(), '/', 'q', 'x', 'o', ConsoleKey.Backspace);

        Assert.Equal("qx", state.Overview.Filter);
        Assert.False(state.IsQuitting);
    }

    [Fact]
    public void Should_Match_The_Filter_Against_The_State_Label()
    {
        var state = Press(FakeRepository.Overview(), '/', 's', 'k', 'i', 'p');

        Assert.Equal(["inventory-sync"], state.Overview.Visible.Select(f => f.Name));
    }

    [Fact]
    public void Should_Move_Selection_Within_The_Visible_Flows()
    {
        var state = Press(FakeRepository.Overview(), ConsoleKey.DownArrow, ConsoleKey.DownArrow, 'j', 'k');

        Assert.Equal("daily_etl_6am", state.Overview.SelectedFlow!.Name);
        Assert.Equal(0, Press(state, ConsoleKey.Home).Overview.Selected);
        Assert.Equal(6, Press(state, ConsoleKey.End).Overview.Selected);
        Assert.Equal(0, Press(state, ConsoleKey.UpArrow, ConsoleKey.UpArrow, ConsoleKey.UpArrow, ConsoleKey.UpArrow).Overview.Selected);
    }

    [Fact]
    public void Should_Count_Flows_By_State_And_Sum_Todos()
    {
        var summary = FakeRepository.Overview().Overview.Summary;

        Assert.Equal(new OverviewSummary(7, 2, 1, 1, 1, 1, 1, 3), summary);
    }

    [Fact]
    public void Should_Ask_The_Host_To_Open_The_Selected_Flow_On_Enter()
    {
        var transition = KeyMap.Dispatch(Press(FakeRepository.Overview(), 'j'), KeyMatch.Of(ConsoleKey.Enter));

        Assert.Equal(new TuiEffect.OpenFlow("flyte_flows/etl_pipeline.py::daily_etl"), transition.Effect);
        Assert.Equal("opening daily_etl", transition.State.Busy);
    }

    [Fact]
    public void Should_Ask_Before_Rewriting_A_Branch_Whose_Base_Changed_And_Open_With_Consent_Or_Leave_It()
    {
        const string Flow = "flyte_flows/etl_pipeline.py::daily_etl";
        var opening = KeyMap.Dispatch(Press(FakeRepository.Overview(), 'j'), KeyMatch.Of(ConsoleKey.Enter));

        var asked = TuiUpdate.Apply(opening.State, new TuiEvent.RewriteNeeded(Flow, "main changed flyte_flows/etl_pipeline.py since the branch was made.")).State;

        Assert.Null(asked.Busy);
        Assert.Equal("main changed flyte_flows/etl_pipeline.py since the branch was made. Rewrite the branch now?", asked.Confirm!.Question);
        var consent = KeyMap.Dispatch(asked, KeyMatch.Of('y'));
        Assert.Equal(new TuiEffect.OpenFlow(Flow, Rewrite: true), consent.Effect);
        Assert.Null(consent.State.Confirm);
        var declined = KeyMap.Dispatch(asked, KeyMatch.Of('n'));
        Assert.Null(declined.Effect);
        Assert.Null(declined.State.Confirm);
        Assert.Equal(Screen.Overview, declined.State.Screen);
    }

    [Fact]
    public void Should_Say_Why_A_Merged_Flow_Cannot_Be_Opened()
    {
        var state = Press(FakeRepository.Overview(), ConsoleKey.End, ConsoleKey.UpArrow, ConsoleKey.UpArrow);
        Assert.Equal(FlowState.Merged, state.Overview.SelectedFlow!.State);

        var transition = KeyMap.Dispatch(state, KeyMatch.Of(ConsoleKey.Enter));

        Assert.Null(transition.Effect);
        Assert.Equal(StatusMessage.Error("enter: already merged"), transition.State.Message);
    }

    [Fact]
    public void Should_Disable_Opening_While_Scanning_And_Track_Scan_Progress()
    {
        var state = TuiUpdate.Apply(new TuiState(), new TuiEvent.ScanProgressed(new ScanProgress(10, 40, 3))).State;

        Assert.True(state.Overview.IsScanning);
        Assert.Equal(40, state.Overview.Scan!.Total);
        Assert.Equal("still scanning", OverviewKeys.All[0].DisabledReason(state));

        var opened = TuiUpdate.Apply(state, new TuiEvent.SessionOpened(FakeRepository.Header, FakeRepository.Flows)).State;
        Assert.False(opened.Overview.IsScanning);
        Assert.Null(opened.Overview.Scan);
        Assert.Null(OverviewKeys.All[0].DisabledReason(opened));
    }

    [Fact]
    public void Should_Keep_The_Selected_Flow_When_States_Are_Refreshed()
    {
        var state = Press(FakeRepository.Overview(), 'j');
        var flows = FakeRepository.Flows.Select(f => f.Name == "daily_etl" ? f with { State = FlowState.Committed } : f).ToList();

        var next = TuiUpdate.Apply(state, new TuiEvent.StatusLoaded(flows)).State;

        Assert.Equal("daily_etl", next.Overview.SelectedFlow!.Name);
    }

    [Fact]
    public void Should_Confirm_Before_Skipping_A_Flow()
    {
        var asked = Press(FakeRepository.Overview(), 'j', 'x');
        Assert.NotNull(asked.Confirm);

        var yes = KeyMap.Dispatch(asked, KeyMatch.Of('y'));
        Assert.Equal(new TuiEffect.SkipFlow("flyte_flows/etl_pipeline.py::daily_etl"), yes.Effect);
        Assert.Null(yes.State.Confirm);

        var no = KeyMap.Dispatch(asked, KeyMatch.Of(ConsoleKey.Escape));
        Assert.Null(no.Effect);
        Assert.Null(no.State.Confirm);
    }

    [Fact]
    public void Should_Quit_With_Q_And_Ctrl_C()
    {
        Assert.IsType<TuiEffect.Quit>(KeyMap.Dispatch(FakeRepository.Overview(), KeyMatch.Of('q')).Effect);
        Assert.IsType<TuiEffect.Quit>(KeyMap.Dispatch(FakeRepository.Overview(), KeyMatch.Of(ConsoleKey.C, control: true)).Effect);
    }

    // What SessionDriver.Listed gives before the states are read: the scan's flows, all not started, no branch, no TODOs.
    private static IReadOnlyList<FlowStatus> Listed() =>
        FakeRepository.Flows.Select(f => f with { State = FlowState.NotStarted, Step = null, StepCount = 0, Branch = null, Todos = 0 }).ToList();

    private static Transition Opened() => TuiUpdate.Apply(new TuiState(), new TuiEvent.SessionOpened(FakeRepository.Header, Listed()));

    [Fact]
    public void Should_List_The_Flows_At_Once_And_Ask_For_Their_States_When_The_Session_Opens()
    {
        var opened = Opened();

        Assert.Equal(new TuiEffect.RefreshStatus(), opened.Effect);
        Assert.True(opened.State.Overview.StatesPending);
        Assert.Equal(TuiUpdate.ReadingStates, opened.State.Busy);
        Assert.Equal(7, opened.State.Overview.Visible.Count);
        Assert.Equal("daily_etl", opened.State.Overview.SelectedFlow!.Name);

        var loaded = TuiUpdate.Apply(opened.State, new TuiEvent.StatusLoaded(FakeRepository.Flows));

        Assert.Null(loaded.Effect);
        Assert.False(loaded.State.Overview.StatesPending);
        Assert.Null(loaded.State.Busy);
        Assert.Equal("train_model", loaded.State.Overview.Visible[0].Name);
        Assert.Equal("train_model", loaded.State.Overview.SelectedFlow!.Name);
    }

    [Fact]
    public void Should_Keep_The_Flow_Moved_To_While_The_States_Are_Read()
    {
        var moved = Press(Opened().State, 'j');
        Assert.Equal("daily_etl_6am", moved.Overview.SelectedFlow!.Name);

        var loaded = TuiUpdate.Apply(moved, new TuiEvent.StatusLoaded(FakeRepository.Flows)).State;

        Assert.Equal("daily_etl_6am", loaded.Overview.SelectedFlow!.Name);
    }

    [Fact]
    public void Should_Open_The_Flow_Chosen_While_The_States_Are_Read_Once_They_Arrive()
    {
        var opened = Opened().State;
        var chosen = Press(opened, '/', 'e', 't', 'l', ConsoleKey.Enter, ConsoleKey.Enter);

        Assert.Equal("flyte_flows/etl_pipeline.py::daily_etl", chosen.Overview.PendingOpen);
        Assert.Equal($"{TuiUpdate.ReadingStates}, then opening daily_etl", chosen.Busy);

        var loaded = TuiUpdate.Apply(chosen, new TuiEvent.StatusLoaded(FakeRepository.Flows));

        Assert.Equal(new TuiEffect.OpenFlow("flyte_flows/etl_pipeline.py::daily_etl"), loaded.Effect);
        Assert.Equal("opening daily_etl", loaded.State.Busy);
        Assert.Null(loaded.State.Overview.PendingOpen);
        Assert.False(loaded.State.Overview.StatesPending);
    }

    [Fact]
    public void Should_Not_Open_A_Flow_Chosen_While_The_States_Are_Read_When_It_Turns_Out_Merged()
    {
        var chosen = Press(Opened().State, '/', 's', 'a', 'l', 'e', 's', ConsoleKey.Enter, ConsoleKey.Enter);
        Assert.Equal("prefect_flows/daily_sales.py::daily-sales", chosen.Overview.PendingOpen);

        var loaded = TuiUpdate.Apply(chosen, new TuiEvent.StatusLoaded(FakeRepository.Flows));

        Assert.Null(loaded.Effect);
        Assert.Null(loaded.State.Busy);
        Assert.Equal(StatusMessage.Error("daily-sales not opened: already merged"), loaded.State.Message);
    }

    [Fact]
    public void Should_Read_The_States_Again_When_A_Flow_Is_Chosen_After_The_First_Read_Failed()
    {
        var failed = TuiUpdate.Apply(Opened().State, new TuiEvent.Failed("git log failed")).State;
        Assert.True(failed.Overview.StatesPending);
        Assert.Null(failed.Busy);

        var chosen = KeyMap.Dispatch(failed, KeyMatch.Of(ConsoleKey.Enter));

        Assert.Equal(new TuiEffect.RefreshStatus(), chosen.Effect);
        Assert.Equal(failed.Overview.SelectedFlow!.Id, chosen.State.Overview.PendingOpen);
    }

    [Fact]
    public void Should_Not_Skip_A_Flow_Before_Its_State_Is_Read()
    {
        var failed = TuiUpdate.Apply(Opened().State, new TuiEvent.Failed("git log failed")).State;
        var skipKey = OverviewKeys.All.Single(b => b.Label == "x");

        Assert.Equal($"wait: {TuiUpdate.ReadingStates}", skipKey.DisabledReason(Opened().State));
        Assert.Equal("the states are not read yet (r reads them)", skipKey.DisabledReason(failed));
        Assert.Null(KeyMap.Dispatch(failed, KeyMatch.Of('x')).State.Confirm);
    }

    [Fact]
    public void Should_Take_The_States_A_Target_Change_Brings_When_The_First_Read_Had_Failed()
    {
        var failed = TuiUpdate.Apply(Opened().State, new TuiEvent.Failed("git log failed")).State;
        var plan = new TargetChangePlan("prefect3", "prefect2", ["prefect_flows/daily_sales.py::daily-sales"], [], []);

        var changed = TuiUpdate.Apply(failed, new TuiEvent.TargetChanged(plan, FakeRepository.Header with { PrefectTarget = "prefect2" }, FakeRepository.Flows)).State;

        Assert.False(changed.Overview.StatesPending);
        Assert.Equal(FlowState.InProgress, changed.Overview.Visible[0].State);
    }
}
