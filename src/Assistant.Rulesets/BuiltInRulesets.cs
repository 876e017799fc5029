using Assistant.Core.Rules;
using Assistant.Core.Rules.Loading;

namespace Assistant.Rulesets;

/// <summary>
/// The rulesets that ship with flowmigrate: each folder of <c>rulesets/</c> with a
/// <c>ruleset.yaml</c>, its rules taken from the rule classes compiled into this assembly.
/// </summary>
public static class BuiltInRulesets
{
    private static readonly Lazy<IReadOnlyList<IRule>> Rules = new(() => Instances<IRule>());
    private static readonly Lazy<IReadOnlyList<IFileRule>> FileRules = new(() => Instances<IFileRule>());

    /// <summary>The copy of <c>rulesets/</c> beside the executable.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "rulesets");

    public static IReadOnlyList<IRule> RulePool => Rules.Value;

    public static IReadOnlyList<IFileRule> FileRulePool => FileRules.Value;

    public static IReadOnlyList<string> Ids(string? directory = null) =>
        System.IO.Directory.Exists(directory ?? Directory)
            ? System.IO.Directory.GetDirectories(directory ?? Directory)
                .Where(d => File.Exists(Path.Combine(d, "ruleset.yaml")))
                .Select(d => Path.GetFileName(d)!)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public static Ruleset Load(string id, string? directory = null) =>
        RulesetLoader.Load(Path.Combine(directory ?? Directory, id), RulePool, FileRulePool);

    private static IReadOnlyList<T> Instances<T>() =>
        typeof(BuiltInRulesets).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToList();
}
