using System.Text.RegularExpressions;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// Compares what the old and the new module declare, entity by entity (tasks and workflows by function name,
/// Prefect flows by flow name) and setting by setting. A changed or dropped setting is explained by a TODO
/// that names its concept (e.g. "memory" and "limit", "schedule", "retries") and, when the TODO names an
/// entity at all, names this one; it must also speak to the difference: mention the old or the new value, or say
/// that it changed or was dropped ("changed", "dropped", "no equivalent", "cannot", "manual", …). So a TODO that
/// only says "the schedule is created paused" does not excuse a changed cron expression.
/// </summary>
public static class BehaviourComparer
{
    private const string Declaration = "(declaration)";

    /// <param name="before">What the old module declares.</param>
    /// <param name="after">What the new module declares.</param>
    /// <param name="todos">The new module's TODOs, as <c>RULE: text</c>.</param>
    /// <param name="ruleMayExplain">(rule id, setting) → whether that rule's TODOs may explain that setting; null: any rule may.</param>
    public static IReadOnlyList<SettingComparison> Compare(ModuleDeclarations before, ModuleDeclarations after, IReadOnlyList<string> todos,
        Func<string, string, bool>? ruleMayExplain = null)
    {
        var entityNames = before.Entities.Concat(after.Entities)
            .SelectMany(e => new[] { e.Name, e.Variable })
            .OfType<string>().Where(n => n.Length >= 3).Distinct(StringComparer.Ordinal).ToList();
        var unmatchedAfter = after.Entities.ToList();
        var pairs = new List<(DeclaredEntity Before, DeclaredEntity? After)>();
        foreach (var old in before.Entities)
        {
            // Several v1 instances may become names of one task (`a = t; b = t`): each finds it through its own name.
            var match = unmatchedAfter.FirstOrDefault(e => e.Name == old.Name)
                ?? unmatchedAfter.FirstOrDefault(e => old.Variable is not null && e.Variable == old.Variable && e.Kind == old.Kind)
                ?? after.Entities.FirstOrDefault(e => old.Variable is not null && e.Aliases.Contains(old.Variable) && e.Kind == old.Kind);
            if (match is not null)
            {
                unmatchedAfter.Remove(match);
            }

            pairs.Add((old, match));
        }

        // A renamed Prefect flow: the one unmatched flow on each side.
        var lonelyOld = pairs.Where(p => p.After is null && p.Before.Kind == "flow").ToList();
        var lonelyNew = unmatchedAfter.Where(e => e.Kind == "flow").ToList();
        if (lonelyOld.Count == 1 && lonelyNew.Count == 1)
        {
            var index = pairs.IndexOf(lonelyOld[0]);
            pairs[index] = (lonelyOld[0].Before, lonelyNew[0]);
            unmatchedAfter.Remove(lonelyNew[0]);
        }

        var results = new List<SettingComparison>();
        foreach (var (old, @new) in pairs)
        {
            if (@new is null)
            {
                var dropped = new SettingComparison(old.Name, Declaration, SettingStatus.Dropped, old.Kind, null);
                results.Add(old.Kind == "task" && old.Class is { } klass && s_tasksThatBecomeCalls.TryGetValue(klass, out var replacedBy)
                    ? dropped with { ExplainedBy = $"{klass} was a Prefect 1 task that {replacedBy} where the flow used the task" }
                    : Explain(dropped, old, todos, entityNames, ruleMayExplain));
                continue;
            }

            // Matched through another name of the same object (`numbers = get_numbers`): callers still use the old name.
            if (old.Name != @new.Name && !(old.Variable is not null && @new.Aliases.Contains(old.Variable)))
            {
                results.Add(Explain(new SettingComparison(old.Name, "name", SettingStatus.Changed, old.Name, @new.Name), old, todos, entityNames, ruleMayExplain));
            }

            foreach (var key in old.Settings.Keys.Union(@new.Settings.Keys).Order(StringComparer.Ordinal))
            {
                var hadOld = old.Settings.TryGetValue(key, out var was);
                var hasNew = @new.Settings.TryGetValue(key, out var now);
                var status = !hadOld ? SettingStatus.Added : !hasNew ? SettingStatus.Dropped : was == now ? SettingStatus.Preserved : SettingStatus.Changed;
                results.Add(Explain(new SettingComparison(old.Name, key, status, was, now), old, todos, entityNames, ruleMayExplain));
            }
        }

        results.AddRange(unmatchedAfter.Select(e => new SettingComparison(e.Name, Declaration, SettingStatus.Added, null, e.Kind)));
        return results;
    }

    private static SettingComparison Explain(SettingComparison comparison, DeclaredEntity entity, IReadOnlyList<string> todos, IReadOnlyList<string> entityNames,
        Func<string, string, bool>? ruleMayExplain)
    {
        if (comparison.Status is not (SettingStatus.Changed or SettingStatus.Dropped))
        {
            return comparison;
        }

        var concepts = Concepts(comparison.Setting, entity);
        foreach (var todo in todos)
        {
            var colon = todo.IndexOf(':', StringComparison.Ordinal);
            if (ruleMayExplain is not null && (colon <= 0 || !ruleMayExplain(todo[..colon], comparison.Setting)))
            {
                continue;
            }

            var text = todo.ToLowerInvariant();
            if (!concepts.Any(words => words.All(w => text.Contains(w, StringComparison.Ordinal)))
                || !(MentionsValue(text, comparison.Before) || MentionsValue(text, comparison.After) || s_differenceWords.Any(text.Contains)))
            {
                continue;
            }

            var named = entityNames.Where(n => Mentions(todo, n)).ToList();
            if (named.Count == 0 || named.Contains(entity.Name) || (entity.Variable is not null && named.Contains(entity.Variable)))
            {
                return comparison with { ExplainedBy = todo };
            }
        }

        return comparison;
    }

    // Task-library classes whose instances are not tasks in 2/3 but calls where the flow used them: prefect.tasks.secrets (a value
    // read in the flow: Secret.load(...).get(), os.environ) and StartFlowRun (run_deployment, whose child runs the graph check compares).
    private static readonly Dictionary<string, string> s_tasksThatBecomeCalls = new(StringComparer.Ordinal)
    {
        ["PrefectSecret"] = "read a secret; Prefect 2/3 read it as a value",
        ["EnvVarSecret"] = "read a secret; Prefect 2/3 read it as a value",
        ["StartFlowRun"] = "started a child flow run; Prefect 2/3 start it with run_deployment",
    };

    private static readonly string[] s_differenceWords =
    [
        "change", "differ", "drop", "remov", "lost", "no equivalent", "not supported", "unsupported", "cannot", "can't",
        "could not", "manual", "instead", "replaced", "moved", "not converted", "is now", "renam",
    ];

    private static bool MentionsValue(string text, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 2)
        {
            return false;
        }

        var lowered = value.ToLowerInvariant();
        var space = lowered.IndexOf(' ', StringComparison.Ordinal);
        return text.Contains(lowered, StringComparison.Ordinal) || (space > 0 && space < lowered.Length - 2 && text.Contains(lowered[(space + 1)..], StringComparison.Ordinal));
    }

    private static bool Mentions(string text, string name) =>
        Regex.IsMatch(text, @"(?<![\w-])" + Regex.Escape(name) + @"(?![\w-])", RegexOptions.CultureInvariant);

    /// <summary>Alternatives of words (all lower case) one of which a TODO must contain in full.</summary>
    internal static IReadOnlyList<string[]> Concepts(string setting, DeclaredEntity entity)
    {
        var head = setting.Split('.', '[')[0];
        var last = setting[(setting.LastIndexOf('.') + 1)..];
        switch (head)
        {
            case Declaration:
                // an instance of a class left unconverted is explained by the TODO that names the class
                return entity.Class is { Length: >= 3 } klass ? [[entity.Name.ToLowerInvariant()], [klass.ToLowerInvariant()]] : [[entity.Name.ToLowerInvariant()]];
            case "resources":
                var parts = setting.Split('.');
                var field = parts.Length > 1 ? parts[1] : "resources";
                var slot = parts.Length > 2 ? parts[2] : string.Empty;
                string[] aliases = field switch
                {
                    "memory" => ["memory", "mem"],
                    "disk" => ["disk", "ephemeral"],
                    "shm" => ["shm", "shared memory"],
                    _ => [field],
                };
                return [.. aliases.Select(a => new[] { a, slot }), ["resources"]];
            case "trigger":
                return last switch
                {
                    "schedule" => [["schedule"], ["cron"], ["fixedrate"], ["fixed rate"]],
                    "inputs" => [["input"]],
                    "auto_activate" => [["activ"]],
                    _ => [["trigger"]],
                };
            case "launch_plan":
                return [["launch plan"], ["launch_plan"], ["launchplan"]];
            case "schedule":
                return last == "parameters" ? [["schedule", "parameter"]] : [["schedule"], ["cron"], ["interval"], ["rrule"]];
            case "parameter":
                var name = setting[(setting.IndexOf('[') + 1)..setting.IndexOf(']')];
                return [[name.ToLowerInvariant()]];
            case "task_runner":
                return [["task runner"], ["task_runner"], ["executor"]];
            case "cache":
                return [["cache"]];
            case "retries":
                return [["retries"], ["retry"]];
            case "retry_delay":
                return [["retry delay"], ["retry_delay"]];
            case "env_vars":
                return [["env var"], ["env_vars"], ["environment variable"]];
            case "secrets":
                return [["secret"]];
            case "tags":
                return [["tag"]];
            default:
                return [[head.ToLowerInvariant()]];
        }
    }
}
