using Assistant.Core.Rules;

namespace Assistant.Cli.Tests.Tui.Support;

internal sealed record FakeStep(MigrationStep Step, IReadOnlyList<FakeEdit> Edits)
{
    public IReadOnlyList<string> Problems { get; init; } = [];
}
