using Spectre.Console;

namespace Assistant.Cli.Hosting;

/// <summary>The standard output and error consoles, honouring NO_COLOR and redirection.</summary>
internal sealed record Consoles(IAnsiConsole Out, IAnsiConsole Error, bool IsInteractive)
{
    public static Consoles FromEnvironment()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        IAnsiConsole Create(TextWriter writer, bool redirected) => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });

        var interactive = !Console.IsOutputRedirected && !Console.IsInputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        return new Consoles(Create(Console.Out, Console.IsOutputRedirected), Create(Console.Error, Console.IsErrorRedirected), interactive);
    }
}
