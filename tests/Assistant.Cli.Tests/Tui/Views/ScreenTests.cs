using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tests.Tui.Views;

/// <summary>Every screen rendered at 80×24 and 160×48, compared with <c>Tui/Screens/*.txt</c>.</summary>
public sealed class ScreenTests
{
    public static TheoryData<int, int> Sizes => new() { { 80, 24 }, { 160, 48 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_Show_Repository_Summary_And_Flows_Table_On_The_Overview(int width, int height)
    {
        var state = FakeRepository.Overview(new TerminalSize(width, height));

        ScreenFiles.Verify($"overview.{width}x{height}", state);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_List_The_Flows_With_Pending_States_While_Git_Is_Read(int width, int height)
    {
        var listed = FakeRepository.Flows.Select(f => f with { State = FlowState.NotStarted, Step = null, StepCount = 0, Branch = null, Todos = 0 }).ToList();
        var state = TuiUpdate.Apply(new TuiState { Size = new TerminalSize(width, height) }, new TuiEvent.SessionOpened(FakeRepository.Header, listed)).State;

        ScreenFiles.Verify($"overview-states-pending.{width}x{height}", state);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_Show_Steps_Diff_Annotations_And_Todos_In_The_Wizard(int width, int height)
    {
        var (state, _) = FakeRepository.Opened(new TerminalSize(width, height));

        ScreenFiles.Verify($"wizard.{width}x{height}", state);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_Show_Findings_And_Offers_When_The_Check_Fails(int width, int height)
    {
        var (opened, _) = FakeRepository.Opened(new TerminalSize(width, height));
        var state = opened with
        {
            Screen = Screen.Check,
            Check = new CheckState(new FlowCheckReport(false,
            [
                new CheckFinding("error", "flyte_flows_v2/etl_pipeline.py", 9, "TaskEnvironment.task() got an unexpected keyword argument 'retries'", "FLY021"),
                new CheckFinding("warning", "flyte_flows_v2/etl_pipeline.py", 31, "trigger is inactive until cutover", "FLY040"),
            ], TimeSpan.FromSeconds(2.4)) { Environment = "stand-in from the API manifest (flyte 2.0)" }),
        };

        ScreenFiles.Verify($"check.{width}x{height}", state);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_Show_Branch_Subject_Body_And_Trailers_On_The_Commit_Screen(int width, int height)
    {
        var (opened, _) = FakeRepository.Opened(new TerminalSize(width, height));
        var state = KeyMap.Dispatch(opened, KeyMatch.Of('a')).State;

        ScreenFiles.Verify($"commit.{width}x{height}", state);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Should_List_Every_Wizard_Key_With_Disabled_Reasons_In_The_Help_Overlay(int width, int height)
    {
        var (opened, _) = FakeRepository.Opened(new TerminalSize(width, height));
        var state = KeyMap.Dispatch(opened, KeyMatch.Of('?')).State;

        ScreenFiles.Verify($"help.{width}x{height}", state);
    }

    [Fact]
    public void Should_Show_The_Diff_Side_By_Side_When_The_Terminal_Is_Wide()
    {
        var (opened, _) = FakeRepository.Opened(new TerminalSize(160, 48));
        var state = KeyMap.Dispatch(opened, KeyMatch.Of('d')).State;

        ScreenFiles.Verify("wizard-side-by-side.160x48", state);
    }

    [Fact]
    public void Should_Show_Scan_Progress_Before_The_Session_Is_Open()
    {
        var state = new TuiState { Overview = new OverviewState { Scan = new Assistant.Core.Migration.Inventory.ScanProgress(120, 400, 37) } };

        ScreenFiles.Verify("overview-scanning.80x24", state);
    }

    [Fact]
    public void Should_Center_A_Confirmation_With_Its_Count()
    {
        var (opened, _) = FakeRepository.Opened();
        var state = TuiUpdate.Apply(opened, new TuiEvent.RuleCounted("FLY020", 41)).State;

        ScreenFiles.Verify("confirm-rule.80x24", state);
    }

    [Fact]
    public void Should_Ask_Before_Switching_The_Prefect_Target_With_What_Is_Replanned_And_Kept()
    {
        var plan = new Assistant.Core.Migration.Session.TargetChangePlan("prefect3", "prefect2", ["daily-sales", "hourly-sync"], ["weekly-report"], []);
        var state = TuiUpdate.Apply(FakeRepository.Overview(), new TuiEvent.TargetPlanned(plan)).State;

        ScreenFiles.Verify("confirm-target.80x24", state);
    }

    [Fact]
    public void Should_Mark_The_Changes_Of_A_Rule_Accepted_In_Every_Flow()
    {
        var (opened, wizard) = FakeRepository.Opened();
        var preview = wizard.Current!;
        var accepted = preview with { Changes = preview.Changes.Select(c => c.RuleId == "FLY001" ? c with { IsRuleAccepted = true } : c).ToList() };
        var state = TuiUpdate.Apply(opened, new TuiEvent.WizardChanged(WizardSnapshot.Of(wizard) with { Current = accepted })).State;

        ScreenFiles.Verify("wizard-rule-accepted.80x24", state);
    }
}
