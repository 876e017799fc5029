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
                throw new RulesetLoadException(manifestPath, Line(manifest.TableLines, name), "tables", $"table '{name}' has no file tables/{name}.yaml");
            }

            tables[name] = DataTableReader.Read(name, file, File.ReadAllText(file));
        }

        // A table file the manifest does not list would be silently unused: usually a typo in one of the two names.
        var tablesDirectory = Path.Combine(directory, "tables");
        foreach (var file in Directory.Exists(tablesDirectory) ? Directory.GetFiles(tablesDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray() : [])
        {
            if (!tables.ContainsKey(Path.GetFileNameWithoutExtension(file)))
            {
                throw new RulesetLoadException(file, 1, "(file)", $"this table is not listed under 'tables' in {manifestPath}");
            }
        }

        var rules = rulePool.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
        var fileRules = fileRulePool.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
        var orderedRules = new List<IRule>();
        var orderedFileRules = new List<IFileRule>();
        foreach (var id in manifest.RuleOrder)
        {
            var descriptor = rules.TryGetValue(id, out var rule) ? rule.Descriptor
                : fileRules.TryGetValue(id, out var fileRule) ? fileRule.Descriptor
                : throw new RulesetLoadException(manifestPath, Line(manifest.RuleLines, id), $"steps[{manifest.RuleSteps[id]}].rules", $"rule '{id}' is listed but no such rule exists");
            if (manifest.RuleSteps[id] is var step && step != descriptor.Step)
            {
                throw new RulesetLoadException(manifestPath, Line(manifest.RuleLines, id), $"steps[{step}].rules", $"rule '{id}' is listed under step '{step}' but declares step '{descriptor.Step}'");
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

    private static int Line(IReadOnlyDictionary<string, int> lines, string key) => lines.GetValueOrDefault(key, 1);
}
