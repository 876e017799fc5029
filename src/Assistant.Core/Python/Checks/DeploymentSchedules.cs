using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// Adds the schedules of Prefect deployment files (<c>prefect.yaml</c>, <c>deployments/&lt;flow&gt;.prefect.yaml</c>)
/// to the flows a module declares: a deployment whose entrypoint names the flow function contributes
/// <c>schedule[i]</c> / <c>schedule[i].parameters</c>, in the same canonical form the worker gives schedules
/// declared in code (<c>serve</c>/<c>deploy</c>), so both sources compare with the Prefect 1 schedule.
/// </summary>
internal static class DeploymentSchedules
{
    public static IReadOnlyList<DeclaredEntity> Apply(IReadOnlyList<DeclaredEntity> entities, string modulePath, IEnumerable<string> yamlTexts)
    {
        var extra = new Dictionary<string, List<(string Text, string? Parameters)>>(StringComparer.Ordinal);
        foreach (var text in yamlTexts)
        {
            foreach (var (function, schedule) in Read(text, modulePath))
            {
                (extra.TryGetValue(function, out var list) ? list : extra[function] = []).Add(schedule);
            }
        }

        return entities.Select(entity => entity.Kind == "flow" && entity.Variable is { } variable && extra.TryGetValue(variable, out var schedules)
            ? entity with { Settings = Merge(entity.Settings, schedules) }
            : entity).ToList();
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> settings, List<(string Text, string? Parameters)> added)
    {
        var schedules = new List<(string Text, string? Parameters)>(added);
        for (var i = 0; settings.TryGetValue($"schedule[{i}]", out var text); i++)
        {
            schedules.Add((text, settings.GetValueOrDefault($"schedule[{i}].parameters")));
        }

        var merged = settings.Where(s => !s.Key.StartsWith("schedule[", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var index = 0;
        // The same schedule declared twice (the deployment file and a `serve(...)` under __main__) is one schedule.
        foreach (var (text, parameters) in schedules.Distinct().OrderBy(s => s.Text, StringComparer.Ordinal).ThenBy(s => s.Parameters ?? string.Empty, StringComparer.Ordinal))
        {
            merged[$"schedule[{index}]"] = text;
            if (parameters is not null)
            {
                merged[$"schedule[{index}].parameters"] = parameters;
            }

            index++;
        }

        return merged;
    }

    private static IEnumerable<(string Function, (string Text, string? Parameters) Schedule)> Read(string text, string modulePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            yield break;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "deployments") is not YamlSequenceNode deployments)
        {
            yield break;
        }

        foreach (var deployment in deployments.Children.OfType<YamlMappingNode>())
        {
            var entrypoint = (Child(deployment, "entrypoint") as YamlScalarNode)?.Value ?? string.Empty;
            var colon = entrypoint.LastIndexOf(':');
            if (colon <= 0 || !SamePath(entrypoint[..colon], modulePath))
            {
                continue;
            }

            var function = entrypoint[(colon + 1)..];
            var defaults = Child(deployment, "parameters") as YamlMappingNode;
            var entries = (Child(deployment, "schedules") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
            if (Child(deployment, "schedule") is YamlMappingNode single)
            {
                entries.Add(single);
            }

            foreach (var entry in entries)
            {
                var kind = new[] { "cron", "interval", "rrule" }.FirstOrDefault(k => Child(entry, k) is YamlScalarNode);
                if (kind is null)
                {
                    continue;
                }

                var value = (YamlScalarNode)Child(entry, kind)!;
                var scheduleText = kind == "interval" ? $"interval {Number(value)}" : $"{kind} {value.Value}";
                var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var source in new[] { defaults, Child(entry, "parameters") as YamlMappingNode })
                {
                    if (source is null)
                    {
                        continue;
                    }

                    foreach (var pair in source.Children)
                    {
                        parameters[(pair.Key as YamlScalarNode)?.Value ?? string.Empty] = Canon(pair.Value);
                    }
                }

                yield return (function, (scheduleText, parameters.Count == 0 ? null : "{" + string.Join(", ", parameters.Select(p => $"{p.Key}: {p.Value}")) + "}"));
            }
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a.Replace('\\', '/').TrimStart('.', '/'), b.Replace('\\', '/').TrimStart('.', '/'), StringComparison.Ordinal);

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string Number(YamlScalarNode node) =>
        double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number == Math.Floor(number) ? ((long)number).ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture)
            : node.Value ?? string.Empty;

    /// <summary>The worker's canonical text (flowmigrate_declarations.canon) for a YAML value.</summary>
    private static string Canon(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => scalar.Value switch
        {
            null or "~" or "null" or "Null" or "NULL" => "None",
            "true" or "True" or "TRUE" => "True",
            "false" or "False" or "FALSE" => "False",
            var text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => text,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => Number(scalar),
            var text => text,
        },
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(Canon)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children
            .Select(c => (Key: (c.Key as YamlScalarNode)?.Value ?? string.Empty, Value: Canon(c.Value)))
            .OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")) + "}",
        _ => node.ToString(),
    };
}
