using Assistant.Cli.Commands;
using Assistant.Core.Migration.Session.Config;
using Assistant.Core.Rules.UserRules;
using Assistant.Core.Rules.UserRules.Host;
using Assistant.Rulesets;
using Spectre.Console;

namespace Assistant.Cli.Hosting;

/// <summary>
/// Loads a repository's user rules for a verb: the rule folders from <c>.flowmigrate/config.yaml</c>, the host
/// process started as this same executable's hidden verb, and every problem (compile errors with file:line:col)
/// printed on stderr — the verb then runs with whatever rules did load.
/// </summary>
internal static class UserRuleHosting
{
    /// <summary>For verbs without a session: the rule folders come from config.yaml, and a bad config.yaml costs only
    /// those folders, with a warning.</summary>
    public static UserRuleSet Load(string root, string python, IAnsiConsole? error) => Load(root, ConfiguredFolders(root, error), python, error);

    /// <summary>With the extra rule folders already known (the session verbs read config.yaml, and refuse a bad one, first).</summary>
    public static UserRuleSet Load(string root, IReadOnlyList<string> folders, string python, IAnsiConsole? error)
    {
        var rules = UserRuleSet.Load(root, folders, assembly => Launch(assembly, python));
        if (rules.Client is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => rules.Dispose();
        }

        if (error is not null && rules.Compiled is { } compiled)
        {
            var how = compiled.FromCache ? "from the cache" : "compiled";
            var loaded = rules.Client is { } client ? $"{client.Rules.Count} rule(s), {client.Aliases.Count} alias(es)" : "no rules";
            Line(error, $"{rules.Sources.Count} file(s), {loaded} ({how} in {compiled.Elapsed.TotalMilliseconds:0} ms)");
        }

        if (error is not null)
        {
            Report(rules, rules.Client is null ? [] : BuiltInRulesets.Ids().Select(id => BuiltInRulesets.Load(id)).ToList(), error);
        }
        return rules;
    }

    private static IReadOnlyList<string> ConfiguredFolders(string root, IAnsiConsole? error)
    {
        try
        {
            return RepositoryConfigFile.Load(root).RuleFolders;
        }
        catch (RepositoryConfigException exception)
        {
            if (error is not null)
            {
                Line(error, $"{exception.Message}; only {UserRuleDiscovery.DefaultFolder} is used");
            }

            return [];
        }
    }

    /// <summary>Prints the user-rule problems that arose since <paramref name="before"/> (rules disabled during a session).</summary>
    public static void ReportNew(IReadOnlyList<string> before, IReadOnlyList<string> after, IAnsiConsole error)
    {
        foreach (var problem in after.Except(before, StringComparer.Ordinal))
        {
            Line(error, problem);
        }
    }

    /// <summary>Prints the user rules disabled during the run (timed out or crashed), after the verb's own output.</summary>
    public static void ReportDisabled(UserRuleSet rules, IAnsiConsole error)
    {
        foreach (var problem in rules.Client?.Disabled ?? [])
        {
            Line(error, problem);
        }
    }

    public static void Report(UserRuleSet rules, IReadOnlyList<Assistant.Core.Rules.Ruleset> rulesets, IAnsiConsole error)
    {
        foreach (var problem in rules.Problems.Concat(rules.Unplaced(rulesets)))
        {
            Line(error, problem);
        }
    }

    // Unwrapped, one line each: file:line:col must stay on one line for editors and scripts.
    private static void Line(IAnsiConsole error, string text) => error.Profile.Out.Writer.WriteLine("user rules: " + text);

    // The host is this executable again: the apphost directly, or `dotnet flowmigrate.dll` when run that way.
    private static UserRuleHostLaunch Launch(string assembly, string python)
    {
        var executable = Environment.ProcessPath ?? "dotnet";
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            arguments.Add(typeof(UserRuleHosting).Assembly.Location);
        }

        arguments.AddRange([UserRuleHostCommand.Name, "--assembly", assembly, "--python", python]);
        return new UserRuleHostLaunch(executable, arguments);
    }
}
