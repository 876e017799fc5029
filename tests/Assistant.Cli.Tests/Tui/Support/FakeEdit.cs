using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>One proposed change of a fake step: replace line <see cref="Line"/> (1-based) of <see cref="File"/> with <see cref="NewText"/>.</summary>
internal sealed record FakeEdit(string File, int Line, string NewText, string RuleId, Safety Safety, string Reason)
{
    public TodoItem? Todo { get; init; }

    public ChangeKey Key => new(RuleId, File, $"L{Line}");
}
