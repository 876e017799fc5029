using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Rules.Loading;

/// <summary>
/// Reads <c>ruleset.yaml</c>. The format is documented in <c>rulesets/README.md</c>; every problem
/// (a missing or misspelled field, a rule or table listed twice) names the file, line and field.
/// </summary>
public static class RulesetManifestReader
{
    private static readonly string[] RootFields = ["id", "name", "version", "source", "target", "steps", "tables"];
    private static readonly string[] FrameworkFields = ["framework", "versions"];
    private static readonly string[] StepFields = ["id", "title", "description", "rules"];

    public static RulesetManifest Read(string file, string text)
    {
        var yaml = new YamlReader(file);
        var root = yaml.Mapping(yaml.Load(text), "(document)");
        yaml.OnlyKnownFields(root, string.Empty, RootFields);
        var source = yaml.Mapping(yaml.Required(root, "source"), "source");
        var target = yaml.Mapping(yaml.Required(root, "target"), "target");
        yaml.OnlyKnownFields(source, "source.", FrameworkFields);
        yaml.OnlyKnownFields(target, "target.", FrameworkFields);
        var steps = new List<MigrationStep>();
        var ruleOrder = new List<string>();
        var ruleSteps = new Dictionary<string, string>(StringComparer.Ordinal);
        var ruleLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in yaml.Sequence(yaml.Required(root, "steps"), "steps").Children)
        {
            var step = yaml.Mapping(item, "steps[]");
            yaml.OnlyKnownFields(step, "steps[].", StepFields);
            var id = yaml.String(step, "id", "steps[].id");
            if (steps.Any(s => s.Id == id))
            {
                throw yaml.Error(step, "steps[].id", $"step '{id}' is listed twice");
            }

            steps.Add(new MigrationStep(id, yaml.String(step, "title", $"steps[{id}].title"), yaml.String(step, "description", $"steps[{id}].description")));
            foreach (var (rule, line) in yaml.Optional(step, "rules") is { } rules ? yaml.StringsWithLines(rules, $"steps[{id}].rules") : [])
            {
                if (ruleOrder.Contains(rule))
                {
                    throw new RulesetLoadException(file, line, $"steps[{id}].rules", $"rule '{rule}' is listed twice (first at line {ruleLines[rule]})");
                }

                ruleOrder.Add(rule);
                ruleSteps[rule] = id;
                ruleLines[rule] = line;
            }
        }

        var tableNames = new List<string>();
        var tableLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (table, line) in yaml.Optional(root, "tables") is { } tables ? yaml.StringsWithLines(tables, "tables") : [])
        {
            if (!tableLines.TryAdd(table, line))
            {
                throw new RulesetLoadException(file, line, "tables", $"table '{table}' is listed twice");
            }

            tableNames.Add(table);
        }

        return new RulesetManifest(
            yaml.String(root, "id"),
            yaml.String(root, "name"),
            yaml.String(root, "version"),
            yaml.String(source, "framework", "source.framework"),
            yaml.String(source, "versions", "source.versions"),
            yaml.String(target, "framework", "target.framework"),
            yaml.String(target, "versions", "target.versions"),
            steps,
            ruleOrder,
            ruleSteps,
            tableNames)
        {
            RuleLines = ruleLines,
            TableLines = tableLines,
        };
    }
}
