using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Core.Python;
using Assistant.Core.Rules.UserRules;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate rules list|show|test|docs</c>: what the rules are, their docs, and a fixture runner for rule authors.</summary>
internal static class RulesCommand
{
    public static Command Create(Consoles consoles) => new("rules", "List the migration rules, show their docs, run fixture folders through them")
    {
        RulesListCommand.Create(consoles),
        RulesShowCommand.Create(consoles),
        RulesTestCommand.Create(consoles),
        RulesDocsCommand.Create(consoles),
    };

    public static Option<string?> Ruleset(string description) => new("--ruleset") { Description = description };

    public static Option<string?> Repository() => new("--repo")
    {
        Description = "Repository whose user rules (.flowmigrate/rules and config rule_folders) join the list (default: the current directory)",
    };

    /// <summary>The user rules of <paramref name="repository"/> (none when it has no rule files), compiled or from the cache.</summary>
    public static UserRuleSet UserRules(Consoles consoles, string? repository, string? python)
    {
        var root = WorkspaceOptions.Directory(repository);
        return UserRuleHosting.Load(root, PythonInterpreterLocator.Locate(python, root, Environment.GetEnvironmentVariable).Path, consoles.Error);
    }
}
