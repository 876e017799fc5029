using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Deployment;

/// <summary>
/// Executors → <c>@flow(task_runner=...)</c> per target (table <c>executors</c>, reference §13): from the
/// <c>executor=</c> keyword carried over from <c>Flow(...)</c> or a module-level <c>f.executor = ...</c>.
/// A flow without an executor ran on the sequential LocalExecutor in v1: it gets the target's sequential
/// runner, so its <c>.map()</c>/<c>.submit()</c> calls (now or later) do not become concurrent and the
/// declared runner stays what v1 ran. A flow without an executor whose run config set the v1 default
/// executor through its environment (<c>PREFECT__ENGINE__EXECUTOR__DEFAULT_CLASS</c>) gets that executor's runner.
/// </summary>
public abstract class ExecutorToTaskRunnerRule(string id) : PrefectRule(
    id, "executor-to-task-runner", "deployment", Safety.Review,
    "executor= / f.executor = … → @flow(task_runner=…) (LocalExecutor stays sequential)",
    "Task runners are part of the flow object in 2/3; only .submit()/.map() use them (reference/prefect.md §13).",
    "flow.executor = LocalDaskExecutor(num_workers=4)\n→\n@flow(..., task_runner=ThreadPoolTaskRunner(max_workers=4))  # 3.x")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var flow in FlowFunction.In(module))
        {
            var call = flow.DecoratorCall;
            if (call?.Keyword("task_runner") is not null)
            {
                continue;
            }

            var keyword = call?.Keyword("executor");
            var assignment = flow.ModuleStatements(module).FirstOrDefault(s => s.Is("Assign") && FlowFunction.Attribute(s) == "executor");
            var executor = keyword?.Value ?? assignment?.Child("value");
            var definition = ModuleNames.SingleUseDefinition(module, executor);
            executor = definition?.Child("value") ?? executor;
            var edits = new List<TextEdit>();
            var todos = new List<string>();
            var needs = new List<ImportNeed>();
            var fromEnvironment = executor is null && EnvironmentExecutor(module, flow) is { } named && named.Split('.')[^1] is "LocalExecutor" or "LocalDaskExecutor" or "DaskExecutor" ? named : null;
            string runner;
            if (executor is null)
            {
                runner = Runner(context, symbols, null, needs, todos, fromEnvironment?.Split('.')[^1])!;
            }
            else
            {
                if (Runner(context, symbols, executor, needs, todos) is not { } converted)
                {
                    yield return new Finding(Id, executor.Span, "unknown executor")
                    {
                        Todo = new ManualTodo($"executor {module.GetText(executor)}: choose a task runner (reference §13) and pass it as @flow(task_runner=...)", "reference/prefect.md §13"),
                    };
                    continue;
                }

                runner = converted;
            }

            if (keyword is not null)
            {
                edits.Add(TextEdit.Replace(keyword.Node.Span, $"task_runner={runner}"));
            }
            else if (call is not null)
            {
                edits.Add(CallEdits.AddKeyword(module, call, $"task_runner={runner}"));
            }
            else
            {
                edits.Add(TextEdit.Insert(flow.Decorator.Span.End, $"(task_runner={runner})"));
            }

            foreach (var statement in new[] { assignment, definition }.OfType<SyntaxNode>())
            {
                edits.Add(statement == definition ? TextEdit.Delete(SourceLines.WholeLinesWithBlankAbove(module, statement)) : SourceLines.DeleteStatement(module, statement));
            }

            edits.AddRange(ImportEdits.Update(module, needs, executor is null ? [] : [executor.Span]));
            var message = fromEnvironment is not null
                ? $"run config env {EnvironmentKey}={fromEnvironment} → task_runner={runner} (in 2/3 the task runner is part of the flow, not of its environment)"
                : executor is null
                ? $"{flow.Name} ran on v1's default sequential LocalExecutor: task_runner={runner} keeps .map()/.submit() sequential"
                : $"{module.GetText(executor)} → task_runner={runner}";
            yield return new Finding(Id, flow.Decorator.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §13") : null,
            };
        }
    }

    /// <summary>The v1 environment variable that chose the default executor class (used when the flow set none).</summary>
    private const string EnvironmentKey = "PREFECT__ENGINE__EXECUTOR__DEFAULT_CLASS";

    // The executor class a flow's run config (decorator keyword or module-level assignment) names in its env.
    private static string? EnvironmentExecutor(PythonModule module, FlowFunction flow)
    {
        var runConfig = flow.DecoratorCall?.Keyword("run_config")?.Value
            ?? flow.ModuleStatements(module).LastOrDefault(s => s.Is("Assign") && FlowFunction.Attribute(s) == "run_config")?.Child("value");
        var env = CallSyntax.From(runConfig)?.Keyword("env")?.Value;
        if (env is null || !env.Is("Dict"))
        {
            return null;
        }

        var keys = env.Children("keys");
        var index = keys.ToList().FindIndex(k => ConstantSyntax.StringValue(k) == EnvironmentKey);
        return index < 0 ? null : ConstantSyntax.StringValue(env.Children("values")[index]);
    }

    private static string? Runner(RuleContext context, PrefectSymbols symbols, SyntaxNode? executor, List<ImportNeed> needs, List<string> todos, string? environmentKind = null)
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
            todos.Add($"2.x ConcurrentTaskRunner cannot bound concurrency to num_workers={workers}; use a tag concurrency limit or DaskTaskRunner(cluster_kwargs={{\"n_workers\": 1, \"threads_per_worker\": {workers}, \"processes\": False}})");
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
