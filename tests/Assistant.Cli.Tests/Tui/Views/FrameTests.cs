using Assistant.Cli.Tests.Tui.Support;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;
using Spectre.Console;

namespace Assistant.Cli.Tests.Tui.Views;

public sealed class FrameTests
{
    private static IReadOnlyCapabilities Capabilities(ColorSystemSupport colors)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.Yes, ColorSystem = colors });
        console.Profile.Capabilities.Unicode = true;
        return console.Profile.Capabilities;
    }

    [Fact]
    public void Should_Write_No_Color_Codes_Under_No_Color_But_Keep_The_Selection_Visible()
    {
        var (state, _) = FakeRepository.Opened();
        var capabilities = Capabilities(ColorSystemSupport.NoColors);

        var ansi = Frame.Render(state, capabilities).Ansi(null, capabilities);

        Assert.DoesNotMatch(@"\u001b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])(;|m)", ansi.Replace("\u001b[0m", string.Empty, StringComparison.Ordinal));
        Assert.Contains("›", ansi, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Color_Added_And_Removed_Lines_When_Colors_Are_Available()
    {
        var (state, _) = FakeRepository.Opened();
        var capabilities = Capabilities(ColorSystemSupport.Standard);

        var ansi = Frame.Render(state, capabilities).Ansi(null, capabilities);

        Assert.Matches(@"\u001b\[[0-9;]*3[12]m", ansi);
    }

    [Fact]
    public void Should_Rewrite_Only_The_Lines_That_Changed()
    {
        var (state, _) = FakeRepository.Opened();
        var capabilities = Capabilities(ColorSystemSupport.Standard);
        var before = Frame.Render(state, capabilities);
        var after = Frame.Render(KeyMap.Dispatch(state, KeyMatch.Of(ConsoleKey.DownArrow)).State, capabilities);

        var ansi = after.Ansi(before, capabilities);

        Assert.DoesNotContain("\u001b[2J", ansi, StringComparison.Ordinal);
        Assert.InRange(ansi.Split("\u001b[").Count(s => s.Contains(";1H", StringComparison.Ordinal)), 1, 4);
        Assert.Equal(string.Empty, before.Ansi(before, capabilities));
    }

    [Fact]
    public void Should_Render_Exactly_The_Terminal_Size()
    {
        var (state, _) = FakeRepository.Opened(new TerminalSize(160, 48));

        var lines = ScreenFiles.Render(state).TrimEnd('\n').Split('\n');

        Assert.Equal(48, lines.Length);
    }
}
