namespace Assistant.Core.Tests.Property;

/// <summary>A fixture's inputs rewritten by <see cref="FixtureVariantGenerator"/>, with what the output must still contain per file.</summary>
internal sealed record FixtureVariant(
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Probes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Comments);
