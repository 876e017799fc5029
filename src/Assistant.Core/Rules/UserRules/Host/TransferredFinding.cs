using Assistant.Core.Source;

namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A <see cref="Finding"/> as it crosses the process boundary (spans as plain offsets, checked on arrival).</summary>
internal sealed record TransferredFinding(string RuleId, int Start, int End, string Message)
{
    public TransferredFix? Fix { get; init; }

    public ManualTodo? Todo { get; init; }

    public static TransferredFinding From(Finding finding) => new(finding.RuleId, finding.Span.Start, finding.Span.End, finding.Message)
    {
        Fix = finding.Fix is { } fix
            ? new TransferredFix(fix.Edits.Select(e => new TransferredEdit(e.Span.Start, e.Span.End, e.NewText)).ToList(), fix.Safety, fix.Description) { Files = fix.Files.ToList() }
            : null,
        Todo = finding.Todo,
    };

    /// <summary>The finding back, or an exception naming what is wrong when a span does not fit the text.</summary>
    public Finding ToFinding(int textLength)
    {
        TextSpan Span(int start, int end) => start >= 0 && end >= start && end <= textLength
            ? new TextSpan(start, end)
            : throw new InvalidOperationException($"returned the span [{start}..{end}) outside the text (length {textLength})");
        return new Finding(RuleId, Span(Start, End), Message)
        {
            Fix = Fix is { } fix ? new Fix(fix.Edits.Select(e => new TextEdit(Span(e.Start, e.End), e.NewText)).ToList(), fix.Safety, fix.Description) { Files = fix.Files } : null,
            Todo = Todo,
        };
    }
}
