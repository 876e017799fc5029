namespace Assistant.Core.Rules.UserRules;

/// <summary>Maps qualified names through the declared aliases: <c>acme.workflows.CustomFlow.x</c> → <c>prefect.Flow.x</c>.</summary>
public sealed class FrameworkAliasMap
{
    private readonly Dictionary<string, string> _originals;

    public FrameworkAliasMap(IEnumerable<FrameworkAlias> aliases)
    {
        Aliases = aliases.ToList();
        _originals = Aliases.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Original, StringComparer.Ordinal);
    }

    public static FrameworkAliasMap Empty { get; } = new([]);

    public IReadOnlyList<FrameworkAlias> Aliases { get; }

    public bool IsEmpty => _originals.Count == 0;

    /// <summary>Short names a file using an alias must contain (the scan's byte pre-filter).</summary>
    public IEnumerable<string> Needles => Aliases.Select(a => a.LocalName).Distinct(StringComparer.Ordinal);

    public string Map(string qualified)
    {
        if (IsEmpty)
        {
            return qualified;
        }

        foreach (var (name, original) in _originals)
        {
            if (qualified == name)
            {
                return original;
            }

            if (qualified.StartsWith(name, StringComparison.Ordinal) && qualified.Length > name.Length && qualified[name.Length] == '.')
            {
                return original + qualified[name.Length..];
            }
        }

        return qualified;
    }
}
