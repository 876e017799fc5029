namespace Assistant.Core.Rules.Loading;

/// <summary>
/// Builds a <see cref="Ruleset"/> from its folder (manifest + tables) and a pool of rule instances:
/// the manifest's order decides which rules run and when; a listed rule missing from the pool,
/// or a rule whose declared step differs from the manifest's, is an error.
/// </summary>
public static class RulesetLoader
{
    public static Ruleset Load(string directory, IEnumerable<IRule> rulePool, IEnumerable<IFileRule> fileRulePool)
    {
        var manifestPath = Path.Combine(directory, "ruleset.yaml");
        if (!File.Exists(manifestPath))
        {
            throw new RulesetLoadException(manifestPath, 0, "(file)", "not found");
        }

        var manifest = RulesetManifestReader.Read(manifestPath, File.ReadAllText(manifestPath));
        var tables = new Dictionary<string, DataTable>(StringComparer.Ordinal);
        foreach (var name in manifest.TableNames)
        {
            var file = Path.Combine(directory, "tables", name + ".yaml");
            if (!File.Exists(file))
            {
                throw new RulesetLoadException(manifestPath, 0, "tables", $"table '{name}' has no file {file}");
            }

            tables[name] = DataTableReader.Read(name, file, File.ReadAllText(file));
        }

        var rules = rulePool.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
        var fileRules = fileRulePool.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
        var orderedRules = new List<IRule>();
        var orderedFileRules = new List<IFileRule>();
        foreach (var id in manifest.RuleOrder)
        {
            var descriptor = rules.TryGetValue(id, out var rule) ? rule.Descriptor
                : fileRules.TryGetValue(id, out var fileRule) ? fileRule.Descriptor
                : throw new RulesetLoadException(manifestPath, 0, "rules", $"rule '{id}' is listed but no such rule exists");
            if (manifest.RuleSteps[id] is var step && step != descriptor.Step)
            {
                throw new RulesetLoadException(manifestPath, 0, "rules", $"rule '{id}' is listed under step '{step}' but declares step '{descriptor.Step}'");
            }

            if (rule is not null)
            {
                orderedRules.Add(rule);
            }
            else
            {
                orderedFileRules.Add(fileRules[id]);
            }
        }

        return new Ruleset(manifest, orderedRules, orderedFileRules, new RulesetTables(tables), directory);
    }

}
