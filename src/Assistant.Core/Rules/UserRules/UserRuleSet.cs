using Assistant.Core.Rules.UserRules.Host;

namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// The user rules of one repository for one session: discovered, compiled (or taken from the cache), hosted in a
/// child process, and added to the rulesets — user rules after the built-in rules of their step, the rewrite of
/// declared aliases first in the first step. Broken files are left out with their compile errors; the rest runs.
/// </summary>
public sealed class UserRuleSet : IDisposable
{
    /// <summary>How long one user rule may take on one module before its host is killed.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    private readonly List<string> _problems;

    private UserRuleSet(IReadOnlyList<UserRuleSource> sources, CompiledUserRules? compiled, UserRuleHostClient? client, List<string> problems)
    {
        Sources = sources;
        Compiled = compiled;
        Client = client;
        _problems = problems;
        Aliases = new FrameworkAliasMap(client?.Aliases ?? []);
    }

    public static UserRuleSet None { get; } = new([], null, null, []);

    /// <summary>The rule files found.</summary>
    public IReadOnlyList<UserRuleSource> Sources { get; }

    /// <summary>The compile result (errors, cache hit, elapsed), null without rule files.</summary>
    public CompiledUserRules? Compiled { get; }

    public UserRuleHostClient? Client { get; }

    public FrameworkAliasMap Aliases { get; }

    public IReadOnlyList<UserRuleDiagnostic> CompileErrors => Compiled?.Errors ?? [];

    /// <summary>Everything to tell the user: compile errors, load problems, rules disabled during the session.</summary>
    public IReadOnlyList<string> Problems =>
        CompileErrors.Select(e => e + " (file left out; the other rules run)").Concat(_problems).Concat(Client?.Problems ?? []).ToList();

    /// <summary>Finds, compiles and hosts the repository's user rules; <paramref name="launch"/> gives the command that hosts an assembly.</summary>
    public static UserRuleSet Load(string root, IEnumerable<string> ruleFolders, Func<string, UserRuleHostLaunch> launch, TimeSpan? limit = null)
    {
        var (sources, problems) = UserRuleDiscovery.Find(root, ruleFolders);
        var found = problems.ToList();
        if (sources.Count == 0)
        {
            return new UserRuleSet(sources, null, null, found);
        }

        var compiled = UserRuleCache.For(root).GetOrCompile(sources);
        if (compiled.AssemblyPath is null)
        {
            return new UserRuleSet(sources, compiled, null, found);
        }

        try
        {
            var client = UserRuleHostClient.Start(launch(compiled.AssemblyPath), compiled.TypeFiles, limit ?? DefaultLimit);
            return new UserRuleSet(sources, compiled, client, found);
        }
        catch (Exception exception) when (exception is UserRuleHostException or InvalidOperationException or System.ComponentModel.Win32Exception
            or UserRuleHostProcess.HostTimeoutException or UserRuleHostProcess.HostGoneException)
        {
            found.Add($"user rules not loaded: {exception.Message}");
            return new UserRuleSet(sources, compiled, null, found);
        }
    }

    /// <summary>The ruleset with the user rules of its steps and the rewrite of the aliases of its source framework.</summary>
    public Ruleset Extend(Ruleset ruleset)
    {
        if (Client is null)
        {
            return ruleset;
        }

        var root = ruleset.Manifest.SourceFramework == "flyte" ? "flytekit" : ruleset.Manifest.SourceFramework;
        var aliases = Aliases.Aliases.Where(a => a.Original.Split('.')[0] == root).ToList();
        var steps = ruleset.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var builtIn = ruleset.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var hosted = Client.Rules.Where(r => steps.Contains(r.Descriptor.Step) && !builtIn.Contains(r.Descriptor.Id)).ToList();
        if (aliases.Count == 0 && hosted.Count == 0)
        {
            return ruleset;
        }

        var rules = ruleset.Rules.ToList();
        if (aliases.Count > 0 && ruleset.Steps.Count > 0)
        {
            rules.Insert(0, new FrameworkAliasRule(aliases, ruleset.Steps[0].Id));
        }

        rules.AddRange(hosted.Where(r => !r.IsFileRule).Select(r => new HostedModuleRule(Client, r, ruleset)));
        var fileRules = ruleset.FileRules.Concat(hosted.Where(r => r.IsFileRule).Select(r => (IFileRule)new HostedFileRule(Client, r, ruleset))).ToList();
        return new Ruleset(ruleset.Manifest, rules, fileRules, ruleset.Tables, ruleset.Directory);
    }

    /// <summary>The repository file a user rule (or the alias rewrite <c>ALIAS</c>) comes from; null for a built-in rule.</summary>
    public string? SourceOf(string ruleId)
    {
        if (Client is null)
        {
            return null;
        }

        if (ruleId == FrameworkAliasRule.Id)
        {
            return string.Join(", ", Aliases.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal)) is { Length: > 0 } names ? $"user aliases ({names})" : null;
        }

        return Client.Rules.FirstOrDefault(r => r.Descriptor.Id == ruleId) is { } rule ? Client.FileOf(rule) : null;
    }

    /// <summary>User rules whose step none of <paramref name="rulesets"/> has, or whose id a built-in rule already uses.</summary>
    public IEnumerable<string> Unplaced(IReadOnlyList<Ruleset> rulesets)
    {
        foreach (var rule in Client?.Rules ?? [])
        {
            var file = Client!.FileOf(rule);
            if (rulesets.Any(r => r.Descriptors.Any(d => d.Id == rule.Descriptor.Id)))
            {
                yield return $"{file}: {rule.Descriptor.Id} is the id of a built-in rule; rename it";
            }
            else if (!rulesets.Any(r => r.Steps.Any(s => s.Id == rule.Descriptor.Step)))
            {
                yield return $"{file}: {rule.Descriptor.Id} declares step '{rule.Descriptor.Step}', which no ruleset has (steps: {string.Join(", ", rulesets.SelectMany(r => r.Steps.Select(s => s.Id)).Distinct())})";
            }
        }
    }

    public void Dispose() => Client?.Dispose();
}
