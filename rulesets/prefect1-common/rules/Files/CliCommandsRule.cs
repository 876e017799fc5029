using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Files;

/// <summary>
/// <c>prefect register …</c> and <c>prefect agent &lt;type&gt; start …</c> in Makefiles, shell scripts, CI YAML
/// and Dockerfiles → <c>prefect deploy</c> over the per-flow deployment files and
/// <c>prefect worker start --pool …</c>; a local <c>prefect run -p file.py</c> → <c>python file.py</c>, whose
/// <c>__main__</c> block calls the flow (reference §18).
/// </summary>
public abstract partial class CliCommandsRule(string id) : PrefectFileRule(
    id, "prefect-cli-commands", "deployment", Safety.Review,
    "prefect register / prefect agent … start → prefect deploy --prefect-file … / prefect worker start --pool …",
    "Prefect 2/3 deploy with prefect deploy and run work with workers (reference/prefect.md §18).",
    "prefect register --project acme -p flows/\n→\nfor f in deployments/*.prefect.yaml; do prefect deploy --prefect-file \"$f\" --all; done")
{
    public override bool AppliesTo(string path)
    {
        var name = path.Split('/')[^1];
        return name is "Makefile" or "Dockerfile" or "Procfile" || name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".mk", StringComparison.Ordinal)
            || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) && !name.EndsWith(".prefect.yaml", StringComparison.Ordinal)
            || name.StartsWith("Dockerfile", StringComparison.Ordinal);
    }

    public override IEnumerable<Finding> Analyze(FileRuleContext context)
    {
        var make = context.Path.Split('/')[^1] is "Makefile" || context.Path.EndsWith(".mk", StringComparison.Ordinal);
        var dollar = make ? "$$" : "$";
        foreach (Match match in Register().Matches(context.Text).Where(m => !InComment(context.Text, m.Index)))
        {
            var replacement = $"for f in deployments/*.prefect.yaml; do prefect deploy --prefect-file \"{dollar}f\" --all; done";
            var message = "prefect register → prefect deploy over the per-flow deployment files";
            var span = Trimmed(match);
            yield return new Finding(Id, span, message)
            {
                Fix = new Fix([TextEdit.Replace(span, replacement)], Safety.Review, message),
                Todo = new ManualTodo($"was `{match.Value.Trim()}`: projects and labels do not exist in 2/3 (each deployment file names its work pool)", "reference/prefect.md §18"),
            };
        }

        foreach (Match match in LocalRun().Matches(context.Text).Where(m => !InComment(context.Text, m.Index)))
        {
            var file = match.Groups["file"].Value;
            var replacement = $"python {file}";
            var message = $"prefect run -p {file} → {replacement}";
            var span = Trimmed(match);
            var options = match.Groups["rest"].Value.Trim();
            yield return new Finding(Id, span, message)
            {
                Fix = new Fix([TextEdit.Replace(span, replacement)], Safety.Review, message),
                Todo = options.Length > 0
                    ? new ManualTodo($"was `{match.Value.Trim()}`: python runs the flow call under `if __name__ == \"__main__\":` in {file}; pass these values there as the flow's arguments ({options})", "reference/prefect.md §18")
                    : null,
            };
        }

        foreach (Match match in Agent().Matches(context.Text).Where(m => !InComment(context.Text, m.Index)))
        {
            var type = match.Groups["type"].Value;
            var poolType = type switch { "local" or "" => "process", "vertex" => "vertex-ai", _ => type };
            var pool = context.Options.WorkPools.Values.FirstOrDefault() ?? $"{poolType}-pool";
            var replacement = $"prefect worker start --pool {pool}" + (poolType == "process" ? string.Empty : $" --type {poolType}");
            var message = $"prefect agent {type} start → {replacement}";
            var span = Trimmed(match);
            yield return new Finding(Id, span, message)
            {
                Fix = new Fix([TextEdit.Replace(span, replacement)], Safety.Review, message),
                Todo = match.Groups["rest"].Value.Trim().Length > 0
                    ? new ManualTodo($"agent options `{match.Groups["rest"].Value.Trim()}` (labels) do not apply to workers: choose the pool/queue instead", "reference/prefect.md §18")
                    : null,
            };
        }
    }

    // The command without the blanks before a following `&&`/`;`/`|`, which stay as they are.
    private static TextSpan Trimmed(Match match) => new(match.Index, match.Index + match.Value.TrimEnd().Length);

    // Text after a '#' on its line is a comment (including the TODO markers this rule writes).
    private static bool InComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text[lineStart..index].Contains('#');
    }

    [GeneratedRegex(@"prefect\s+register\b[^\n;&|]*")]
    private static partial Regex Register();

    [GeneratedRegex(@"prefect\s+run\s+(?:-p|--path)\s+(?<file>[^\s;&|]+\.py)\b(?<rest>[^\n;&|]*)")]
    private static partial Regex LocalRun();

    [GeneratedRegex(@"prefect\s+agent\s+(?<type>local|docker|kubernetes|ecs|vertex)?\s*start\b(?<rest>[^\n;&|]*)")]
    private static partial Regex Agent();
}
