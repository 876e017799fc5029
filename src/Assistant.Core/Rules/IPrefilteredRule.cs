namespace Assistant.Core.Rules;

/// <summary>
/// A rule that can find something only in a module whose text spells at least one of its <see cref="Mentions"/>: the step
/// engine does not call it on the other modules (asked again on every pass, of that pass's text), which spares most rules
/// most modules. Name what every one of its findings needs in the source: the attribute a call it converts reads
/// (<c>with_overrides</c>), or the last part of each qualified name it resolves (a name an import binds spells every part
/// of what it resolves to, in the import statement or in an attribute). Only ASCII text is filtered: Python NFKC-normalizes
/// identifiers, so elsewhere a name need not be spelt as itself and the rule is always called.
/// </summary>
public interface IPrefilteredRule : IRule
{
    /// <summary>What a module's text must contain, one at least, for the rule to find anything in it: identifiers (not Python
    /// keywords), matched as whole words, or other text, matched as substrings; case-sensitive. Read once per step, from the
    /// ruleset's <paramref name="tables"/> for a rule whose names are data.</summary>
    IReadOnlyList<string> Mentions(RulesetTables tables);
}
