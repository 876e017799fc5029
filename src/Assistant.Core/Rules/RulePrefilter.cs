namespace Assistant.Core.Rules;

/// <summary>
/// Which of a step's rules may be left out for a module's text (<see cref="IPrefilteredRule"/>): the rules' mentions read
/// once, then ordinal searches of the text.
/// </summary>
internal sealed class RulePrefilter
{
    private readonly IReadOnlyList<string>?[] _mentions;

    public RulePrefilter(IReadOnlyList<IRule> rules, RulesetTables tables)
    {
        _mentions = new IReadOnlyList<string>?[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _mentions[i] = (rules[i] as IPrefilteredRule)?.Mentions(tables);
        }
    }

    /// <summary>True when rule <paramref name="index"/> cannot find anything in <paramref name="text"/>; <paramref name="ascii"/>
    /// says whether the text is all ASCII (only then are identifiers spelt as themselves).</summary>
    public bool Excludes(int index, string text, bool ascii)
    {
        if (!ascii || _mentions[index] is not { } mentions)
        {
            return false;
        }

        foreach (var mention in mentions)
        {
            if (Mentions(text, mention))
            {
                return false;
            }
        }

        return true;
    }

    // An identifier is mentioned as a whole word: in ASCII source that parses, an identifier token is a whole run of
    // identifier characters (a number may touch only a keyword: `1if`), so `unmapped` does not mention `mapped`. Any other
    // mention is a substring.
    private static bool Mentions(string text, string mention)
    {
        if (!IsIdentifier(mention))
        {
            return text.Contains(mention, StringComparison.Ordinal);
        }

        for (var at = text.IndexOf(mention, StringComparison.Ordinal); at >= 0; at = text.IndexOf(mention, at + 1, StringComparison.Ordinal))
        {
            var end = at + mention.Length;
            if ((at == 0 || !IsIdentifierChar(text[at - 1])) && (end == text.Length || !IsIdentifierChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifier(string word)
    {
        foreach (var c in word)
        {
            if (!IsIdentifierChar(c))
            {
                return false;
            }
        }

        return word.Length > 0;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
