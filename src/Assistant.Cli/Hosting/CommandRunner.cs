using Assistant.Core.Migration.Session;
using Assistant.Core.Python;
using Spectre.Console;

namespace Assistant.Cli.Hosting;

/// <summary>Runs a verb's body and turns expected failures into one clear line and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(IAnsiConsole error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UserError exception)
        {
            Print(error, exception.Message);
            return exception.ExitCode;
        }
        catch (SessionException exception)
        {
            Print(error, exception.Message);
            return ExitCodes.BadInput;
        }
        catch (PythonWorkerException exception)
        {
            Print(error, exception.Message);
            return ExitCodes.EnvironmentProblem;
        }
        catch (OperationCanceledException)
        {
            Print(error, "interrupted");
            return ExitCodes.Interrupted;
        }
    }

    // Plain text, never wrapped: the message stays one line for scripts and logs.
    private static void Print(IAnsiConsole error, string message)
    {
        var prefix = error.Profile.Capabilities.Ansi ? "\u001b[31mflowmigrate:\u001b[0m" : "flowmigrate:";
        Console.Error.WriteLine($"{prefix} {message.ReplaceLineEndings(" ")}");
    }
}
