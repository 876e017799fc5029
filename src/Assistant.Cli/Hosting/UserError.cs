namespace Assistant.Cli.Hosting;

/// <summary>A problem the user can fix: printed as one line, exits with <see cref="ExitCode"/>, never a stack trace.</summary>
internal sealed class UserError(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
