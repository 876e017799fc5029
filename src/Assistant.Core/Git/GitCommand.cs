namespace Assistant.Core.Git;

/// <summary>
/// One git invocation: argv (never a shell string), where it runs, optional stdin bytes,
/// and whether it only reads (then git may not take optional locks, e.g. refresh the index).
/// </summary>
internal sealed record GitCommand(string WorkingDirectory, IReadOnlyList<string> Arguments)
{
    public bool IsReadOnly { get; init; }

    public byte[]? StandardInput { get; init; }

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
