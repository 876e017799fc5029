using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Which step converts each declared setting, so a TODO explains a changed or dropped setting only when the rule that
/// wrote it belongs to that step: a trigger TODO (FLY401) does not excuse a dropped memory limit (FLY101's concern).
/// A rule id the ruleset does not know explains nothing.
/// </summary>
internal static class SettingSteps
{
    private static readonly Dictionary<string, string[]> s_steps = new(StringComparer.Ordinal)
    {
        // Flyte 1 → 2
        ["environment"] = ["environment"],
        ["resources"] = ["environment"],
        ["env_vars"] = ["environment"],
        ["secrets"] = ["environment", "runtime"],
        ["image"] = ["environment", "images-and-project"],
        ["interruptible"] = ["environment", "decorators"],
        ["cache"] = ["decorators", "tasks"],
        ["retries"] = ["decorators", "tasks"],
        ["timeout"] = ["decorators", "tasks"],
        ["trigger"] = ["triggers"],
        ["launch_plan"] = ["triggers"],

        // Prefect 1 → 2/3
        ["parameter"] = ["flow-definition"],
        // a flow copied from a template (deepcopy) gets its own name in the deployment step, with its deployment
        ["name"] = ["flow-definition", "tasks", "deployment"],
        ["retry_delay"] = ["tasks"],
        ["tags"] = ["tasks"],
        ["schedule"] = ["deployment"],
        ["task_runner"] = ["deployment"],
    };

    /// <summary>(rule id, setting key) → whether a TODO of that rule may explain a difference in that setting.</summary>
    public static Func<string, string, bool> For(Ruleset ruleset)
    {
        var stepOf = ruleset.Descriptors.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Step, StringComparer.Ordinal);
        return (rule, setting) =>
        {
            if (!stepOf.TryGetValue(rule, out var step))
            {
                return false;
            }

            var head = setting.Split('.', '[')[0];
            return !s_steps.TryGetValue(head, out var steps) || steps.Contains(step, StringComparer.Ordinal);
        };
    }
}
