using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Rules.Catalog;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate rules list [--ruleset ID] [--json]</c>: every rule with its ruleset, step, safety and source.</summary>
internal static class RulesListCommand
{
    public static Command Create(Consoles consoles)
    {
        var ruleset = RulesCommand.Ruleset("Only the rules of this ruleset (e.g. flyte1-to-flyte2)");
        var json = SharedOptions.Json();
        var repo = RulesCommand.Repository();
        var python = SharedOptions.Python();
        var command = new Command("list", "List the rules: id, name, ruleset, step, safety, source (built-in or the user's file)") { ruleset, json, repo, python };
        command.SetAction((result, _) => CommandRunner.RunAsync(consoles.Error, () =>
        {
            using var userRules = RulesCommand.UserRules(consoles, result.GetValue(repo), result.GetValue(python));
            var catalog = RuleCatalogFactory.Load(result.GetValue(ruleset), userRules);
            Console.Out.Write(result.GetValue(json) ? RulesJson.Write(catalog) : Table(catalog));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string Table(RuleCatalog catalog)
    {
        string[] header = ["ID", "NAME", "RULESET", "STEP", "SAFETY", "SOURCE"];
        var rows = catalog.Rules
            .Select(r => new[] { r.Descriptor.Id, r.Descriptor.Name, r.Ruleset.Id, r.Descriptor.Step, RulesetReadme.Safety(r.Descriptor.Safety), r.Source })
            .ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = rows.Prepend(header).Select(cells => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))));
        return string.Join('\n', lines) + $"\n{rows.Count} rules\n";
    }
}
