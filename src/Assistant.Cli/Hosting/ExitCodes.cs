namespace Assistant.Cli.Hosting;

/// <summary>The process exit codes every verb uses (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The verb ran and found a failure (a check failed, a gate tripped).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: not a directory, not a repository, unreadable file, invalid option.</summary>
    public const int BadInput = 2;

    /// <summary>The environment cannot run the verb: no usable Python, no git.</summary>
    public const int EnvironmentProblem = 3;

    public const int Interrupted = 130;
}
