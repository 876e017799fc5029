using System.CommandLine;
using Assistant.Cli.Hosting;

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
}
