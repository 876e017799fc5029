namespace Assistant.Core.Migration.Fixtures;

/// <summary>One output file of a fixture. <see cref="Expected"/> is null when no expected file exists yet.</summary>
public sealed record FixtureFileResult(string Path, string? Expected, string Actual)
{
    public bool Matches => Expected is not null && string.Equals(Expected, Actual, StringComparison.Ordinal);
}
