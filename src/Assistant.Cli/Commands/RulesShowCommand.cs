using System.CommandLine;
using System.Text;
using Assistant.Cli.Hosting;
using Assistant.Core.Migration.Fixtures;
using Assistant.Core.Rules.Catalog;
using Assistant.Core.Source.Diff;

namespace Assistant.Cli.Commands;

/// <summary><c>flowmigrate rules show ID [--ruleset ID]</c>: a rule's docs (summary, why, example) and its first fixture as a diff.</summary>
internal static class RulesShowCommand
{
    public static Command Create(Consoles consoles)
    {
        var id = new Argument<string>("id") { Description = "The rule id (FLY301, PF310…; see `flowmigrate rules list`)" };
        var ruleset = RulesCommand.Ruleset("Look only in this ruleset");
        var repo = RulesCommand.Repository();
        var python = SharedOptions.Python();
        var command = new Command("show", "Show a rule's docs: what it does, why, an example, and its first fixture as a diff") { id, ruleset, repo, python };
        command.SetAction((result, _) => CommandRunner.RunAsync(consoles.Error, () =>
        {
            var wanted = result.GetValue(id)!;
            using var userRules = RulesCommand.UserRules(consoles, result.GetValue(repo), result.GetValue(python));
            var matches = RuleCatalogFactory.Load(result.GetValue(ruleset), userRules).Find(wanted);
            if (matches.Count == 0)
            {
                throw new UserError($"unknown rule '{wanted}'{(result.GetValue(ruleset) is { } r ? $" in ruleset {r}" : string.Empty)}; `flowmigrate rules list` shows the rule ids");
            }

            Console.Out.Write(string.Join("\n", matches.Select(Describe)));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string Describe(CatalogRule rule)
    {
        var d = rule.Descriptor;
        var step = rule.Ruleset.Steps.FirstOrDefault(s => s.Id == d.Step);
        var text = new StringBuilder();
        text.Append($"{d.Id}  {d.Name}\n");
        text.Append($"ruleset  {rule.Ruleset.Id}\n");
        text.Append($"step     {d.Step}{(step is null ? string.Empty : $" ({step.Title})")}\n");
        text.Append($"safety   {RulesetReadme.Safety(d.Safety)}\n");
        text.Append($"reads    {RulesetReadme.Reads(rule.Kind)}\n");
        text.Append($"source   {rule.Source}\n\n");
        text.Append("What it does\n").Append(Indent(d.Summary)).Append('\n');
        text.Append("Why\n").Append(Indent(d.Why)).Append('\n');
        if (!string.IsNullOrWhiteSpace(d.Example))
        {
            text.Append("Example\n").Append(Indent(d.Example)).Append('\n');
        }

        if (FirstFixture(rule) is { } fixture)
        {
            var (path, expected) = fixture.Expected.First(e => e.Value is not null && fixture.Inputs.ContainsKey(e.Key));
            var input = fixture.Inputs.GetValueOrDefault(path, string.Empty);
            var where = Path.GetRelativePath(rule.Ruleset.Directory, Path.Combine(fixture.Directory, fixture.IsSingleFile ? fixture.Name + ".py" : fixture.Name));
            text.Append($"Fixture {where.Replace('\\', '/')} (input → expected)\n");
            text.Append(Indent(UnifiedDiffFormatter.Format(TextDiffer.Compute(input, expected!), "input/" + path, "expected/" + path)));
        }

        return text.ToString();
    }

    private static Fixture? FirstFixture(CatalogRule rule) =>
        FixtureCatalog.Discover(Path.Combine(rule.Ruleset.Directory, "fixtures"))
            .FirstOrDefault(f => f.Scope == rule.Descriptor.Id && f.Expected.Any(e => e.Value is not null && f.Inputs.ContainsKey(e.Key)));

    private static string Indent(string text) =>
        string.Concat(text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? "\n" : "  " + line + "\n"));
}
