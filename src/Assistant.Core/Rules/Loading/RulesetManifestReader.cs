using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Rules.Loading;

/// <summary>Reads <c>ruleset.yaml</c>. The format is documented in <c>rulesets/README.md</c>.</summary>
public static class RulesetManifestReader
{
    public static RulesetManifest Read(string file, string text)
    {
        var yaml = new YamlReader(file);
        var root = yaml.Mapping(yaml.Load(text), "(document)");
        var source = yaml.Mapping(yaml.Required(root, "source"), "source");
        var target = yaml.Mapping(yaml.Required(root, "target"), "target");
        var steps = new List<MigrationStep>();
        var ruleOrder = new List<string>();
        var ruleSteps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in yaml.Sequence(yaml.Required(root, "steps"), "steps").Children)
        {
            var step = yaml.Mapping(item, "steps[]");
            var id = yaml.String(step, "id");
            if (steps.Any(s => s.Id == id))
            {
                throw yaml.Error(step, "steps[].id", $"step '{id}' is listed twice");
            }

            steps.Add(new MigrationStep(id, yaml.String(step, "title"), yaml.String(step, "description")));
            foreach (var rule in yaml.Optional(step, "rules") is { } rules ? yaml.Strings(rules, $"steps[{id}].rules") : [])
            {
                if (ruleOrder.Contains(rule))
                {
                    throw yaml.Error(step, $"steps[{id}].rules", $"rule '{rule}' is listed twice");
                }

                ruleOrder.Add(rule);
                ruleSteps[rule] = id;
            }
        }

        return new RulesetManifest(
            yaml.String(root, "id"),
            yaml.String(root, "name"),
            yaml.String(root, "version"),
            yaml.String(source, "framework"),
            yaml.String(source, "versions"),
            yaml.String(target, "framework"),
            yaml.String(target, "versions"),
            steps,
            ruleOrder,
            ruleSteps,
            yaml.Optional(root, "tables") is { } tables ? yaml.Strings(tables, "tables") : []);
    }
}
