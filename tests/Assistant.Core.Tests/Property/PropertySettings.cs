namespace Assistant.Core.Tests.Property;

/// <summary>
/// How many variants the property test makes and from which seed. CI uses the defaults;
/// <c>FLOWMIGRATE_PROPERTY_VARIANTS</c> asks for a longer local run, <c>FLOWMIGRATE_PROPERTY_SEED</c>
/// another seed, and <c>FLOWMIGRATE_PROPERTY_ONLY</c> replays one variant index from a failure message.
/// </summary>
internal sealed record PropertySettings(int Variants, int Seed, int? Only)
{
    public const int DefaultVariants = 10_000;
    public const int DefaultSeed = 20261121;

    public static PropertySettings FromEnvironment() => new(
        Read("FLOWMIGRATE_PROPERTY_VARIANTS") ?? DefaultVariants,
        Read("FLOWMIGRATE_PROPERTY_SEED") ?? DefaultSeed,
        Read("FLOWMIGRATE_PROPERTY_ONLY"));

    /// <summary>The seed of one variant: a failure names the base seed and the index, which is all a replay needs.</summary>
    public int VariantSeed(int index, int attempt) => unchecked((Seed * 1_000_003) + (index * 31) + attempt);

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;
}
