using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Core.Rules.Catalog;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate rules docs --ruleset ID [--readme FILE]</c>: the generated rule docs of a ruleset's README
/// (steps, rule table, each rule's summary, why and example), printed or written between the markers of FILE.
/// </summary>
internal static class RulesDocsCommand
{
    public static Command Create(Consoles consoles)
    {
        var ruleset = RulesCommand.Ruleset("The ruleset to document (e.g. flyte1-to-flyte2)");
        ruleset.Required = true;
        var readme = new Option<string?>("--readme") { Description = "Replace the generated section of this README (between its marker comments) instead of printing it" };
        var command = new Command("docs", "Generate the rule docs section of a ruleset's README from the rules") { ruleset, readme };
        command.SetAction((result, _) => CommandRunner.RunAsync(consoles.Error, () =>
        {
            var id = result.GetValue(ruleset)!;
            var catalog = RuleCatalogFactory.Load(id);
            var section = RulesetReadme.Render(RuleCatalogFactory.LoadRuleset(id), catalog.OfRuleset(id));
            if (result.GetValue(readme) is not { } file)
            {
                Console.Out.Write(section);
                return Task.FromResult(ExitCodes.Success);
            }

            if (!File.Exists(file))
            {
                throw new UserError($"{file} does not exist; pass the ruleset's README.md");
            }

            var before = File.ReadAllText(file);
            var after = RulesetReadme.Update(before, section);
            if (after != before)
            {
                File.WriteAllText(file, after);
            }

            Console.Out.WriteLine($"{file}: {(after == before ? "up to date" : "updated")}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
