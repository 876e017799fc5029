using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>
/// FLY530: module-level <c>ct = ContainerTask(name, image, command, inputs=kwtypes(...), outputs=kwtypes(...), metadata=TaskMetadata(...))</c>
/// → <c>flyte.extras.ContainerTask(...)</c> with dict interfaces and the metadata as task keywords, wrapped in one
/// <c>flyte.TaskEnvironment.from_task(...)</c> per module that the module's environment depends on.
/// </summary>
public sealed class ContainerTaskToFlyte : IRule
{
    private static readonly string[] ContainerTaskNames = ["flytekit.ContainerTask", "flytekit.core.container_task.ContainerTask"];

    // Keywords with the same name and meaning on flyte.extras.ContainerTask.
    private static readonly HashSet<string> Kept = ["name", "image", "command", "arguments", "input_data_dir", "output_data_dir", "metadata_format", "local_logs"];

    // TaskMetadata fields → flyte.extras.ContainerTask keywords (cache ones are combined into one flyte.Cache).
    private static readonly HashSet<string> MetadataFields = ["cache", "cache_version", "cache_serialize", "cache_ignore_input_vars", "retries", "timeout", "interruptible"];

    private const string EnvironmentVariable = "container_env";

    public RuleDescriptor Descriptor { get; } = new(
        "FLY530",
        "container-task-to-flyte",
        "images-and-project",
        Safety.Review,
        "ct = ContainerTask(name, image, command, inputs=kwtypes(a=T), outputs=kwtypes(...), arguments, input_data_dir, output_data_dir, metadata_format, local_logs, metadata=TaskMetadata(cache, cache_version, retries, timeout, interruptible)) → flyte.extras.ContainerTask(..., inputs={\"a\": T}, cache=flyte.Cache(...), retries=…, local_logs=False when unset: Flyte 1's default), then container_env = flyte.TaskEnvironment.from_task(\"<module env>-containers\", ct, ...) and depends_on=[container_env] on the module's environment. Other keywords (requests, secret_requests, io_strategy, pod templates) keep the FLY590 TODO.",
        "Flyte 2 keeps raw-container tasks as flyte.extras.ContainerTask; they need an environment to be deployed, and the calling environment must depend on it (reference/flyte.md §14, §3.2).",
        "ct = ContainerTask(name=\"area\", image=\"ghcr.io/x:1\", command=[...], inputs=kwtypes(a=float))  →  ct = flyte.extras.ContainerTask(name=\"area\", image=\"ghcr.io/x:1\", command=[...], inputs={\"a\": float}, local_logs=False)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        // As in Converted: a ContainerTask call cannot resolve in a module whose text never names it (no quote to count then).
        if (!module.Text.Contains("ContainerTask", StringComparison.Ordinal))
        {
            yield break;
        }

        var quote = SourceText.PreferredQuote(module);
        if (Plan(module, quote) is not { } plan)
        {
            yield break;
        }

        var (converted, environments) = plan;
        var last = converted[^1].Statement;
        var all = converted.SelectMany(c => c.Edits).ToList();
        var nl = module.NewLine;
        var name = SourceText.Literal(quote, Flytekit.EnvironmentName(module.Path) + "-containers");
        all.Add(TextEdit.Insert(last.Span.End, $"{nl}{nl}{EnvironmentVariable} = flyte.TaskEnvironment.from_task({name}, {string.Join(", ", converted.Select(c => c.Variable))})"));
        foreach (var environment in environments)
        {
            all.Add(CallArguments.Append(module, new CallSyntax(environment.Child("value")!), $"depends_on=[{EnvironmentVariable}]"));
        }

        if (PythonImports.AddImport(module, "flyte.extras", "flytekit") is { } import)
        {
            all.Add(import);
        }

        yield return new Finding(Descriptor.Id, converted[0].Statement.Span, $"ContainerTask → flyte.extras.ContainerTask ({string.Join(", ", converted.Select(c => c.Variable))})")
        {
            Fix = new Fix(all, Safety.Review, "raw-container tasks in their own environment, which the module's environment depends on"),
        };
    }

    /// <summary>The ContainerTask statements this rule converts in <paramref name="module"/> (FLY590 leaves them alone).</summary>
    internal static IReadOnlyList<SyntaxNode> Converted(PythonModule module) =>
        !module.Text.Contains("ContainerTask", StringComparison.Ordinal) ? []
        : Plan(module, SourceText.PreferredQuote(module)) is { } plan ? plan.Converted.Select(c => c.Statement).ToList() : [];

    // Every module-level container task with its edits, and the module's environments, or null when the module cannot be converted:
    // a container task this rule cannot convert (one environment wraps them all), an environment declared above them or
    // already depending on others, or a container_env variable already there.
    private static (List<(SyntaxNode Statement, string Variable, List<TextEdit> Edits)> Converted, List<SyntaxNode> Environments)? Plan(PythonModule module, char quote)
    {
        var bindings = Flytekit.Bindings(module);
        var converted = new List<(SyntaxNode Statement, string Variable, List<TextEdit> Edits)>();
        foreach (var statement in module.Body)
        {
            if (!statement.Is("Assign") || statement.Children("targets") is not [{ Kind: "Name" } target]
                || CallSyntax.From(statement.Child("value")) is not { } call || !Flytekit.Calls(call.Node, bindings, ContainerTaskNames))
            {
                continue;
            }

            if (Edits(module, call, quote) is not { } edits)
            {
                return null;
            }

            converted.Add((statement, target.Scalar("id")!, edits));
        }

        if (converted.Count == 0 || module.Body.Any(s => AssignSyntax.From(s)?.TargetNames.Contains(EnvironmentVariable) == true))
        {
            return null;
        }

        // The module's environment is declared after the container tasks (it is inserted above the first @env.task), so it can depend on theirs.
        var last = converted[^1].Statement;
        var environments = module.Body.Where(s => AssignSyntax.From(s) is { } assign && DottedNames.IsCallOf(assign.Value, "flyte.TaskEnvironment")).ToList();
        if (environments.Any(e => e.Span.Start < last.Span.End) || environments.Any(e => new CallSyntax(e.Child("value")!).Keyword("depends_on") is not null))
        {
            return null;
        }

        return (converted, environments);
    }

    // The edits turning one ContainerTask(...) call into flyte.extras.ContainerTask(...), or null when it uses something not converted here.
    private static List<TextEdit>? Edits(PythonModule module, CallSyntax call, char quote)
    {
        if (call.Arguments.Count > 0 || call.Keywords.Any(k => k.Name is null))
        {
            return null;
        }

        var edits = new List<TextEdit> { TextEdit.Replace(call.Function.Span, "flyte.extras.ContainerTask") };
        foreach (var keyword in call.Keywords)
        {
            switch (keyword.Name)
            {
                case { } kept when Kept.Contains(kept):
                    break;
                case "inputs" or "outputs":
                    if (Interface(module, keyword.Value, quote) is not { } dict)
                    {
                        return null;
                    }

                    edits.Add(TextEdit.Replace(keyword.Value.Span, dict));
                    break;
                case "metadata":
                    if (Metadata(module, keyword.Value, quote) is not { } keywords)
                    {
                        return null;
                    }

                    edits.Add(TextEdit.Replace(keyword.Node.Span, keywords));
                    break;
                default:
                    return null;
            }
        }

        if (call.Keyword("local_logs") is null)
        {
            // Flyte 1 defaulted to False, flyte.extras.ContainerTask to True.
            edits.Add(CallArguments.Append(module, call, "local_logs=False"));
        }

        return edits;
    }

    // kwtypes(a=float, b=str) → {"a": float, "b": str}; a dict stays.
    private static string? Interface(PythonModule module, SyntaxNode value, char quote)
    {
        if (value.Is("Dict"))
        {
            return module.GetText(value);
        }

        if (CallSyntax.From(value) is { FunctionName: "kwtypes" or "flytekit.kwtypes" } kwtypes && kwtypes.Arguments.Count == 0 && kwtypes.Keywords.All(k => k.Name is not null))
        {
            return "{" + string.Join(", ", kwtypes.Keywords.Select(k => $"{SourceText.Literal(quote, k.Name!)}: {module.GetText(k.Value)}")) + "}";
        }

        return null;
    }

    // TaskMetadata(cache=True, cache_version="1", retries=2, ...) → cache=flyte.Cache(behavior="auto", version_override="1"), retries=2, ...
    private static string? Metadata(PythonModule module, SyntaxNode value, char quote)
    {
        if (CallSyntax.From(value) is not { } metadata || metadata.FunctionName?.Split('.')[^1] != "TaskMetadata" || metadata.Arguments.Count > 0
            || metadata.Keywords.Any(k => k.Name is null || !MetadataFields.Contains(k.Name)))
        {
            return null;
        }

        var fields = metadata.Keywords.ToDictionary(k => k.Name!, k => k.Value, StringComparer.Ordinal);
        var parts = new List<string>();
        if (fields.TryGetValue("cache", out var cache))
        {
            if (ConstantSyntax.From(cache) is not { ValueType: "bool" } flag)
            {
                return null;
            }

            if (flag.Value == "True")
            {
                var options = new List<string> { $"behavior={SourceText.Literal(quote, "auto")}" };
                if (fields.TryGetValue("cache_version", out var version))
                {
                    options.Add($"version_override={module.GetText(version)}");
                }

                if (fields.TryGetValue("cache_serialize", out var serialize))
                {
                    options.Add($"serialize={module.GetText(serialize)}");
                }

                if (fields.TryGetValue("cache_ignore_input_vars", out var ignored))
                {
                    options.Add($"ignored_inputs={module.GetText(ignored)}");
                }

                parts.Add(options.Count == 1 ? $"cache={SourceText.Literal(quote, "auto")}" : $"cache=flyte.Cache({string.Join(", ", options)})");
            }
        }
        else if (fields.Keys.Any(k => k.StartsWith("cache_", StringComparison.Ordinal)))
        {
            return null;
        }

        parts.AddRange(new[] { "retries", "timeout", "interruptible" }.Where(fields.ContainsKey).Select(k => $"{k}={module.GetText(fields[k])}"));
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
