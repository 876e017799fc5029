using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;

namespace Assistant.Cli.Tests.Tui.State;

public sealed class KeyMapTests
{
    public static TheoryData<string> Lists => new() { "overview", "filter", "wizard", "check", "commit", "help", "confirm" };

    private static IReadOnlyList<KeyBinding> List(string name) => name switch
    {
        "overview" => OverviewKeys.All,
        "filter" => FilterKeys.All,
        "wizard" => WizardKeys.All,
        "check" => CheckKeys.All,
        "commit" => CommitKeys.All,
        "help" => ModalKeys.Help,
        _ => ModalKeys.Confirm,
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Should_Have_A_Label_And_Description_For_Every_Key_And_Let_Ctrl_C_Quit(string name)
    {
        var keys = List(name);

        Assert.All(keys, k => Assert.False(string.IsNullOrWhiteSpace(k.Label + k.Description)));
        Assert.Equal(keys.Count, keys.Select(k => k.Label).Distinct().Count());
        Assert.Contains(keys, k => k.Matches(KeyMatch.Of(ConsoleKey.C, control: true)));
    }

    [Fact]
    public void Should_Generate_The_Help_Overlay_And_The_Key_Bar_From_The_Dispatching_List()
    {
        var (opened, _) = FakeRepository.Opened(new TerminalSize(160, 48));
        var help = ScreenFiles.Render(opened with { ShowHelp = true });
        var bar = string.Join('\n', FooterView.Keys(opened).Select(l => l.Text));

        Assert.All(WizardKeys.All, k => Assert.Contains(k.Description, help, StringComparison.Ordinal));
        Assert.All(WizardKeys.All.Where(k => k.InBar), k => Assert.Contains($"{k.Label} {k.BarText}", bar, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Ignore_Keys_That_Are_Not_Bound()
    {
        var state = FakeRepository.Overview();

        var transition = KeyMap.Dispatch(state, KeyMatch.Of('Z'));

        Assert.Same(state, transition.State);
        Assert.Null(transition.Effect);
    }
}
