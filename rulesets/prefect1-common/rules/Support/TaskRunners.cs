using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// v1 executors → the target's task runner expression (table <c>executors</c>, reference §13), shared by the rules that
/// create flows (a v1 flow without an executor ran on the sequential LocalExecutor) and the rule converting executors.
/// </summary>
public static class TaskRunners
{
    /// <summary>The runner v1's default LocalExecutor maps to (sequential), with its import added to <paramref name="needs"/>.</summary>
    public static string Sequential(RuleContext context, List<ImportNeed> needs) =>
        Runner(context, PrefectSymbols.For(context), null, needs, [])!;

    /// <summary>
    /// The runner for <paramref name="executor"/> (a v1 executor call; null: <paramref name="environmentKind"/>, else the
    /// default LocalExecutor), or null when the executor is unknown. Imports go to <paramref name="needs"/>, what the
    /// target cannot keep to <paramref name="todos"/>.
    /// </summary>
    public static string? Runner(RuleContext context, PrefectSymbols symbols, SyntaxNode? executor, List<ImportNeed> needs, List<string> todos, string? environmentKind = null)
    {
        var module = context.Module;
        var table = context.Tables["executors"];
        var column = PrefectTarget.Column(context.Options);
        var call = CallSyntax.From(executor);
        var kind = executor is null ? environmentKind ?? "LocalExecutor" : call is null ? null : (symbols.Resolve(call.Function) ?? call.FunctionName)?.Split('.')[^1];
        string? Arg(string name) => call?.Keyword(name)?.Value is { } v ? module.GetText(v) : null;
        DataRow? row;
        string? workers = null;
        switch (kind)
        {
            case "LocalExecutor":
                row = table.Rows.First(r => r.Get("v1") == "LocalExecutor");
                break;
            case "LocalDaskExecutor":
                var scheduler = ConstantSyntax.StringValue(call?.Keyword("scheduler")?.Value ?? call?.Arguments.FirstOrDefault()) ?? "threads";
                workers = Arg("num_workers");
                if (scheduler == "synchronous")
                {
                    row = table.Rows.First(r => r.Get("v1") == "LocalExecutor");
                    break;
                }

                row = table.Rows.First(r => r.Get("v1") == "LocalDaskExecutor" && r.Get("variant") == (scheduler == "processes" ? "processes" : "threads"));
                break;
            case "DaskExecutor":
                row = table.Rows.First(r => r.Get("v1") == "DaskExecutor");
                var kept = new List<string>();
                foreach (var keyword in call?.Keywords ?? [])
                {
                    var name = keyword.Name;
                    if (name is "address" or "cluster_class" or "cluster_kwargs" or "adapt_kwargs" or "client_kwargs" || (name == "performance_report_path" && PrefectTarget.IsPrefect3(context.Options)))
                    {
                        kept.Add($"{name}={module.GetText(keyword.Value)}");
                    }
                    else
                    {
                        todos.Add($"DaskExecutor({name}={module.GetText(keyword.Value)}) has no DaskTaskRunner option on this target");
                    }
                }

                if (call?.Arguments.Count > 0)
                {
                    kept.Insert(0, $"address={module.GetText(call!.Arguments[0])}");
                }

                AddImport(row, column, needs);
                todos.Add("install prefect-dask");
                return $"DaskTaskRunner({string.Join(", ", kept)})";
            default:
                return null;
        }

        AddImport(row, column, needs);
        var template = row.Require(column);
        if (template.Contains("{n}", StringComparison.Ordinal))
        {
            template = workers is null ? template.Replace("max_workers={n}", string.Empty).Replace("\"n_workers\": {n}, ", string.Empty) : template.Replace("{n}", workers);
        }
        else if (workers is not null && kind == "LocalDaskExecutor")
        {
            todos.Add($"2.x ConcurrentTaskRunner cannot bound concurrency to num_workers={workers}, so this task runner runs more tasks at once than the executor did; use a tag concurrency limit or DaskTaskRunner(cluster_kwargs={{\"n_workers\": 1, \"threads_per_worker\": {workers}, \"processes\": False}})");
        }

        if (row.Get("package") is { Length: > 0 } package && row.Require($"{column}_import").StartsWith("prefect_dask", StringComparison.Ordinal))
        {
            todos.Add($"install {package}");
        }

        return template;
    }

    private static void AddImport(DataRow row, string column, List<ImportNeed> needs)
    {
        var import = row.Require($"{column}_import");
        needs.Add(ImportNeed.Of(import[..import.IndexOf(':')], import[(import.IndexOf(':') + 1)..]));
    }
}
