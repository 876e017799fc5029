namespace Assistant.Core.Git;

/// <summary>
/// One git invocation: argv (never a shell string), where it runs, optional stdin bytes,
/// and whether it only reads (then git may not take optional locks, e.g. refresh the index).
/// </summary>
internal sealed record GitCommand(string WorkingDirectory, IReadOnlyList<string> Arguments)
{
    public bool IsReadOnly { get; init; }

    public byte[]? StandardInput { get; init; }

    /// <summary>git reads the terminal (stdin is not redirected), so hooks and signing programs can ask the user; needs <see cref="StandardInput"/> null.</summary>
    public bool InheritsInput { get; init; }

    /// <summary>Where stderr is also copied as it arrives (the user's terminal, while git's hooks or signing may talk to the user).</summary>
    public TextWriter? EchoError { get; init; }

    public static GitCommand Read(string workingDirectory, params IReadOnlyList<string> arguments) =>
        new(workingDirectory, arguments) { IsReadOnly = true };

    public static GitCommand Write(string workingDirectory, params IReadOnlyList<string> arguments) =>
        new(workingDirectory, arguments);

    public override string ToString() =>
        string.Join(' ', Arguments.Prepend("git").Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@^~+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
