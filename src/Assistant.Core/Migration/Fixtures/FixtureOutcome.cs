namespace Assistant.Core.Migration.Fixtures;

/// <summary>The result of running one fixture: per file, what was expected and what came out.</summary>
public sealed record FixtureOutcome(Fixture Fixture, IReadOnlyList<FixtureFileResult> Files, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0 && Files.All(f => f.Matches);
}
