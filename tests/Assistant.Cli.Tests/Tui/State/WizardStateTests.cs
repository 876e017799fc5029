using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.State;

public sealed class WizardStateTests
{
    private static Transition Press(TuiState state, object key) =>
        KeyMap.Dispatch(state, key is char c ? KeyMatch.Of(c) : KeyMatch.Of((ConsoleKey)key));

    [Fact]
    public void Should_Open_On_The_First_Step_With_Changes_And_Select_The_First_Change()
    {
        var (state, _) = FakeRepository.Opened();

        Assert.Equal(Screen.Wizard, state.Screen);
        Assert.Equal("environment", state.Wizard!.Preview!.Step.Step.Id);
        Assert.Equal(StepState.Current, state.Wizard.Snapshot.Steps[0].State);
        Assert.Equal("FLY001", state.Wizard.Change!.RuleId);
        Assert.Equal(0, state.Wizard.Scroll);
    }

    [Fact]
    public void Should_Show_The_Commit_Screen_On_A_And_Commit_On_Enter()
    {
        var (opened, _) = FakeRepository.Opened();

        var commit = Press(opened, 'a');
        Assert.Equal(Screen.Commit, commit.State.Screen);
        Assert.Equal("flowmigrate/daily-etl", commit.State.Commit!.Preview.Branch);
        Assert.Null(commit.Effect);

        var enter = Press(commit.State, ConsoleKey.Enter);
        Assert.Equal(new TuiEffect.AcceptStep(SkipHooks: false), enter.Effect);
        Assert.Equal("committing", enter.State.Busy);
    }

    [Fact]
    public async Task Should_Return_To_The_Next_Step_After_A_Commit()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var committing = Press(Press(opened, 'a').State, ConsoleKey.Enter).State;
        var result = await wizard.AcceptAsync();

        var next = TuiUpdate.Apply(committing, new TuiEvent.Committed(result, WizardSnapshot.Of(wizard))).State;

        Assert.Equal(Screen.Wizard, next.Screen);
        Assert.Null(next.Busy);
        Assert.Equal("decorators", next.Wizard!.Preview!.Step.Step.Id);
        Assert.Equal(StepState.Committed, next.Wizard.Snapshot.Steps[0].State);
        Assert.Contains("environment committed", next.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Go_Back_To_The_Overview_And_Refresh_When_The_Last_Step_Is_Committed()
    {
        var (opened, wizard) = FakeRepository.Opened();
        await wizard.AcceptAllSafeAsync();

        var transition = TuiUpdate.Apply(opened, new TuiEvent.Committed(new CommitResult("imports", "abcdef0123", null), WizardSnapshot.Of(wizard)));

        Assert.Equal(Screen.Overview, transition.State.Screen);
        Assert.Null(transition.State.Wizard);
        Assert.IsType<TuiEffect.RefreshStatus>(transition.Effect);
    }

    [Fact]
    public void Should_Keep_The_Commit_Screen_And_Offer_Skipping_Hooks_When_A_Hook_Fails()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var committing = Press(Press(opened, 'a').State, ConsoleKey.Enter).State;

        var failed = TuiUpdate.Apply(committing, new TuiEvent.Committed(new CommitResult("environment", null, "black reformatted 1 file") { HookFailed = true }, WizardSnapshot.Of(wizard))).State;

        Assert.Equal(Screen.Commit, failed.Screen);
        Assert.True(failed.Message!.IsError);
        Assert.Equal(new TuiEffect.AcceptStep(SkipHooks: true), Press(failed, 'H').Effect);
        Assert.Equal("only after a hook rejected the commit", CommitKeys.All.Single(k => k.Label == "H").DisabledReason(committing with { Busy = null }));
    }

    [Fact]
    public void Should_Ask_To_Skip_A_Step_Without_A_Dialog()
    {
        var (opened, _) = FakeRepository.Opened();

        var transition = Press(opened, 's');

        Assert.IsType<TuiEffect.SkipStep>(transition.Effect);
        Assert.Equal("skipping the step", transition.State.Busy);
    }

    [Fact]
    public void Should_Disable_Every_Key_That_Would_Race_A_Running_Operation()
    {
        var (opened, _) = FakeRepository.Opened();
        var busy = Press(opened, 's').State;

        var again = Press(busy, 'a');

        Assert.Null(again.Effect);
        Assert.Equal(Screen.Wizard, again.State.Screen);
        Assert.Equal(StatusMessage.Error("a: wait: skipping the step"), again.State.Message);
    }

    [Fact]
    public void Should_Toggle_The_Selected_Change_With_Space()
    {
        var (opened, _) = FakeRepository.Opened();
        var second = Press(opened, ConsoleKey.DownArrow).State;

        var transition = Press(second, ConsoleKey.Spacebar);

        Assert.Equal(new TuiEffect.ToggleChange(new ChangeKey("FLY010", FakeRepository.EtlFile, "L5")), transition.Effect);
    }

    [Fact]
    public async Task Should_Keep_Position_And_Selection_When_The_Same_Step_Is_Replanned()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var second = Press(opened, ConsoleKey.DownArrow).State;
        await wizard.ToggleAsync(second.Wizard!.Change!.Key);

        var next = TuiUpdate.Apply(second, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard))).State;

        Assert.Equal(1, next.Wizard!.SelectedChange);
        Assert.False(next.Wizard.Change!.IsEnabled);
        Assert.Equal(-1, next.Wizard.Diff.ChangeHunks[1]);
    }

    [Fact]
    public async Task Should_Jump_Between_Hunks_With_N_And_P()
    {
        var (opened, wizard) = FakeRepository.Opened();
        await wizard.AcceptAsync();
        var state = TuiUpdate.Apply(opened, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard))).State;
        var hunks = state.Wizard!.Pane.HunkStarts;
        Assert.Equal(2, hunks.Count);

        var n1 = Press(state, 'n').State;
        Assert.Equal(1, n1.Wizard!.Hunk);
        Assert.Equal(Math.Min(hunks[1], n1.Wizard.MaxScroll(n1.DiffRows)), n1.Wizard.Scroll);
        Assert.Equal("FLY021", n1.Wizard.Change!.RuleId);

        var past = Press(n1, 'n').State;
        Assert.Equal(1, past.Wizard!.Hunk);

        var back = Press(past, 'p').State;
        Assert.Equal(0, back.Wizard!.Hunk);
        Assert.Equal(0, back.Wizard.Scroll);
        Assert.Equal("FLY020", back.Wizard.Change!.RuleId);
    }

    [Fact]
    public async Task Should_Scroll_By_Pages_And_Clamp_To_The_Last_Page()
    {
        var (opened, wizard) = FakeRepository.Opened();
        await wizard.AcceptAsync();
        var state = TuiUpdate.Apply(opened, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard))).State;
        var max = state.Wizard!.MaxScroll(state.DiffRows);
        Assert.True(max > 0);

        var down = Press(state, ConsoleKey.PageDown).State;
        Assert.Equal(Math.Min(max, state.DiffRows - 1), down.Wizard!.Scroll);
        Assert.Equal(max, Press(down, ConsoleKey.End).State.Wizard!.Scroll);
        Assert.Equal(0, Press(down, ConsoleKey.Home).State.Wizard!.Scroll);
        Assert.Equal(0, Press(Press(state, ConsoleKey.PageUp).State, ConsoleKey.PageUp).State.Wizard!.Scroll);
    }

    [Fact]
    public void Should_Disable_Side_By_Side_On_A_Narrow_Terminal_And_Say_Why()
    {
        var (narrow, _) = FakeRepository.Opened(new TerminalSize(80, 24));
        var (wide, _) = FakeRepository.Opened(new TerminalSize(160, 48));

        var refused = Press(narrow, 'd').State;
        Assert.False(refused.Wizard!.SideBySide);
        Assert.Equal(StatusMessage.Error("d: needs 120 columns (now 80)"), refused.Message);

        var toggled = Press(wide, 'd').State;
        Assert.True(toggled.Wizard!.SideBySide);
        Assert.False(Press(toggled, 'd').State.Wizard!.SideBySide);
    }

    [Fact]
    public void Should_Show_And_Close_The_Help_Overlay()
    {
        var (opened, _) = FakeRepository.Opened();

        var help = Press(opened, '?').State;
        Assert.True(help.ShowHelp);
        Assert.Same(ModalKeys.Help, KeyMap.Active(help));
        Assert.Same(WizardKeys.All, KeyMap.Screen(help));

        Assert.False(Press(help, ConsoleKey.Escape).State.ShowHelp);
        Assert.Equal(Screen.Wizard, Press(help, 'q').State.Screen);
    }

    [Fact]
    public void Should_Confirm_Accepting_All_Safe_Changes_With_The_Count_Of_Remaining_Steps()
    {
        var (opened, _) = FakeRepository.Opened();

        var asked = Press(opened, 'A').State;

        Assert.Contains("6 remaining steps", asked.Confirm!.Question, StringComparison.Ordinal);
        Assert.IsType<TuiEffect.AcceptAllSafe>(Press(asked, 'y').Effect);
    }

    [Fact]
    public void Should_Count_Then_Confirm_Then_Apply_A_Rule_Everywhere()
    {
        var (opened, _) = FakeRepository.Opened();

        var counting = Press(opened, 'R');
        Assert.Equal(new TuiEffect.CountRule("FLY001"), counting.Effect);

        var asked = TuiUpdate.Apply(counting.State, new TuiEvent.RuleCounted("FLY001", 12)).State;
        Assert.Contains("in 12 other flows and this one", asked.Confirm!.Question, StringComparison.Ordinal);

        var applying = Press(asked, 'y');
        Assert.Equal(new TuiEffect.ApplyRule("FLY001"), applying.Effect);

        var done = TuiUpdate.Apply(applying.State, new TuiEvent.RuleApplied("FLY001", 12, null)).State;
        Assert.Equal("FLY001 accepted in 12 other flows and this one", done.Message!.Text);
        Assert.Null(done.Busy);
    }

    [Fact]
    public void Should_Say_So_And_Ask_Nothing_When_No_Other_Flow_Has_The_Rule()
    {
        var (opened, _) = FakeRepository.Opened();
        var counting = Press(opened, 'R');

        var answered = TuiUpdate.Apply(counting.State, new TuiEvent.RuleCounted("FLY001", 0)).State;

        Assert.Null(answered.Confirm);
        Assert.Null(answered.Busy);
        Assert.Equal("no other flow has FLY001 changes", answered.Message!.Text);
    }

    [Fact]
    public void Should_Not_Apply_The_Rule_When_The_Confirmation_Is_Declined()
    {
        var (opened, _) = FakeRepository.Opened();
        var asked = TuiUpdate.Apply(Press(opened, 'R').State, new TuiEvent.RuleCounted("FLY001", 3)).State;

        var declined = Press(asked, 'n');

        Assert.Null(declined.Effect);
        Assert.Null(declined.State.Confirm);
    }

    [Fact]
    public void Should_Show_The_Open_Flow_Planned_Again_Once_The_Rule_Is_Applied()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var applying = Press(TuiUpdate.Apply(Press(opened, 'R').State, new TuiEvent.RuleCounted("FLY001", 3)).State, 'y').State;
        var replanned = WizardSnapshot.Of(wizard) with { Current = Accepted(wizard.Current!, "FLY001") };

        var done = TuiUpdate.Apply(applying, new TuiEvent.RuleApplied("FLY001", 3, replanned)).State;

        Assert.Equal(Screen.Wizard, done.Screen);
        Assert.True(done.Wizard!.Change!.IsRuleAccepted);
        Assert.Equal("FLY001 accepted in 3 other flows and this one", done.Message!.Text);
        Assert.Equal("FLY001 is already accepted in every flow", KeyMap.Active(done).Single(b => b.Label == "R").DisabledReason(done));
    }

    [Fact]
    public void Should_Disable_R_On_A_Manual_Change_With_The_Reason()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var preview = wizard.Current!;
        var manual = preview with { Changes = preview.Changes.Select((c, i) => i == 0 ? c with { Safety = Assistant.Core.Rules.Safety.Manual } : c).ToList() };
        var state = TuiUpdate.Apply(opened, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard) with { Current = manual })).State;

        Assert.Null(Press(state, 'R').Effect);
        Assert.Equal("FLY001 is manual: it only adds TODOs", KeyMap.Active(state).Single(b => b.Label == "R").DisabledReason(state));
    }

    private static StepPreview Accepted(StepPreview preview, string ruleId) =>
        preview with { Changes = preview.Changes.Select(c => c.RuleId == ruleId ? c with { IsRuleAccepted = true } : c).ToList() };

    [Fact]
    public void Should_Disable_R_When_The_Session_Cannot_Apply_A_Rule_Across_Flows()
    {
        var (opened, _) = FakeRepository.Opened();
        var state = opened with { Overview = opened.Overview with { Repository = FakeRepository.Header with { SupportsRuleWide = false } } };

        Assert.Null(Press(state, 'R').Effect);
    }

    [Fact]
    public void Should_Go_Back_To_The_Overview_On_Q_And_Refresh_States()
    {
        var (opened, _) = FakeRepository.Opened();

        var transition = Press(opened, 'q');

        Assert.Equal(Screen.Overview, transition.State.Screen);
        Assert.IsType<TuiEffect.RefreshStatus>(transition.Effect);
    }

    [Fact]
    public void Should_Hand_The_Converted_Text_Of_The_Selected_File_To_The_Editor()
    {
        var (opened, _) = FakeRepository.Opened();

        var transition = Press(opened, 'e');

        var edit = Assert.IsType<TuiEffect.EditFile>(transition.Effect);
        Assert.Equal(FakeRepository.EtlFile, edit.File);
        Assert.StartsWith("import os\nfrom datetime import datetime\n\nimport flyte\n", edit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Clamp_Scroll_When_The_Terminal_Grows()
    {
        var (opened, wizard) = FakeRepository.Opened();
        await wizard.AcceptAsync();
        var state = TuiUpdate.Apply(opened, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard))).State;
        var bottom = Press(state, ConsoleKey.End).State;

        var resized = TuiUpdate.Apply(bottom, new TuiEvent.Resized(new TerminalSize(160, 48))).State;

        Assert.Equal(resized.Wizard!.MaxScroll(resized.DiffRows), resized.Wizard.Scroll);
    }
}
