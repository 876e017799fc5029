namespace Assistant.Core.Rules.Catalog;

/// <summary>
/// One rule as <c>flowmigrate rules</c> shows it: the ruleset that runs it, its descriptor, what it
/// reads, and where it comes from (<see cref="BuiltIn"/>, or the path of the user's rule file).
/// </summary>
public sealed record CatalogRule(Ruleset Ruleset, RuleDescriptor Descriptor, RuleKind Kind, string Source)
{
    /// <summary>The <see cref="Source"/> of the rules compiled into flowmigrate.</summary>
    public const string BuiltIn = "built-in";

    public bool IsBuiltIn => Source == BuiltIn;
}
