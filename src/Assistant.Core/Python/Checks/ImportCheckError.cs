namespace Assistant.Core.Python.Checks;

/// <summary>
/// Why a module did not import: the exception type and message, where (file relative to the checked root,
/// 1-based line, the offending source line), and the rule that wrote that line when the caller said so.
/// </summary>
public sealed record ImportCheckError(
    string Type,
    string Message,
    string? File,
    int? Line,
    string? SourceLine,
    string? ModulePath,
    int? ExitCode,
    IReadOnlyList<TracebackFrame> Traceback)
{
    /// <summary>When the failing call spans lines: its first line (<see cref="Line"/> is then the line of the offending keyword).</summary>
    public int? CallLine { get; init; }

    /// <summary>When the failing call spans lines: its last line.</summary>
    public int? EndLine { get; init; }

    /// <summary>The rule id that produced <see cref="Line"/> (from the caller's line → rule map), if any.</summary>
    public string? RuleId { get; init; }

    public override string ToString()
    {
        var where = File is null ? string.Empty : $"{File}:{Line}: ";
        var rule = RuleId is null ? string.Empty : $" [{RuleId} produced this line]";
        return $"{where}{Type}: {Message}{rule}";
    }
}
