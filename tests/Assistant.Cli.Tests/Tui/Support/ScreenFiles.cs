using Assistant.Cli.Tests.Support;
using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;
using Spectre.Console;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>
/// Rendered-screen approval: renders a state to a fixed-size console without colors and compares the text with
/// <c>Tui/Screens/NAME.txt</c>; on a mismatch writes <c>NAME.received.txt</c> beside it (git-ignored).
/// Set FLOWMIGRATE_ACCEPT_SCREENS=1 to accept the received screens.
/// </summary>
internal static class ScreenFiles
{
    public static IReadOnlyCapabilities Capabilities { get; } = CreateCapabilities();

    public static string Directory => Path.Combine(CliProcess.Root, "tests", "Assistant.Cli.Tests", "Tui", "Screens");

    public static string Render(TuiState state) => Frame.Render(state, Capabilities).PlainText();

    public static void Verify(string name, TuiState state) => Verify(name, Render(state));

    public static void Verify(string name, string actual)
    {
        var expectedPath = Path.Combine(Directory, name + ".txt");
        var receivedPath = Path.Combine(Directory, name + ".received.txt");
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("FLOWMIGRATE_ACCEPT_SCREENS") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"no expected screen {expectedPath}; the rendered screen is in {receivedPath}"
            : $"the screen differs from {expectedPath}; see {receivedPath}");
    }

    private static IReadOnlyCapabilities CreateCapabilities()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Capabilities.Unicode = true;
        return console.Profile.Capabilities;
    }
}
