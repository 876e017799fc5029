using Spectre.Console;

namespace Assistant.Benchmarks;

/// <summary>The capabilities of a true-colour, Unicode terminal, as the frame benchmarks render for.</summary>
internal static class TrueColorTerminal
{
    public static IReadOnlyCapabilities Capabilities()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Capabilities.Unicode = true;
        return console.Profile.Capabilities;
    }
}
