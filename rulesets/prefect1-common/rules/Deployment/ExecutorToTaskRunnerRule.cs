using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Deployment;

/// <summary>
/// Executors → <c>@flow(task_runner=...)</c> per target (table <c>executors</c>, reference §13): from the
/// <c>executor=</c> keyword carried over from <c>Flow(...)</c>, a module-level <c>f.executor = ...</c>, or the v1
/// default executor a run config set through its environment (<c>PREFECT__ENGINE__EXECUTOR__DEFAULT_CLASS</c>).
/// A v1 flow without any of these ran on the sequential LocalExecutor: the flow-definition rules that create its
/// <c>@flow</c> give it the target's sequential runner (<see cref="TaskRunners.Sequential"/>), so a flow written for
/// 2/3 in the same file, which this step cannot tell from a converted one, keeps the runner its author chose.
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
            var keyword = call?.Keyword("executor");
            var present = call?.Keyword("task_runner");
            if (keyword is not null && present is not null)
            {
                continue;
            }

            var assignment = flow.ModuleStatements(module).FirstOrDefault(s => s.Is("Assign") && FlowFunction.Attribute(s) == "executor");
            var executor = keyword?.Value ?? assignment?.Child("value");
            var definition = ModuleNames.SingleUseDefinition(module, executor);
            executor = definition?.Child("value") ?? executor;
            var fromEnvironment = executor is null && EnvironmentExecutor(module, flow) is { } named && named.Split('.')[^1] is "LocalExecutor" or "LocalDaskExecutor" or "DaskExecutor" ? named : null;
            if (executor is null && fromEnvironment is null)
            {
                // No v1 executor: the runner the flow has (v1's default, added when the flow was created, or its author's) stays.
                continue;
            }

            var edits = new List<TextEdit>();
            var todos = new List<string>();
            var needs = new List<ImportNeed>();
            string runner;
            if (executor is null)
            {
                runner = TaskRunners.Runner(context, symbols, null, needs, todos, fromEnvironment!.Split('.')[^1])!;
                if (present is not null && module.GetText(present.Value) == runner)
                {
                    continue;
                }
            }
            else
            {
                if (TaskRunners.Runner(context, symbols, executor, needs, todos) is not { } converted)
                {
                    yield return new Finding(Id, executor.Span, "unknown executor")
                    {
                        Todo = new ManualTodo($"executor {module.GetText(executor)}: choose a task runner (reference §13) and pass it as @flow(task_runner=...)", "reference/prefect.md §13"),
                    };
                    continue;
                }

                runner = converted;
            }

            var consumed = new List<TextSpan>();
            if (executor is not null)
            {
                consumed.Add(executor.Span);
            }

            if (keyword is not null)
            {
                edits.Add(TextEdit.Replace(keyword.Node.Span, $"task_runner={runner}"));
            }
            else if (present is not null)
            {
                // The v1 default runner the flow got when it was created gives way to the executor v1 actually used.
                edits.Add(TextEdit.Replace(present.Value.Span, runner));
                var replaced = CallSyntax.From(present.Value)?.Function.DottedName();
                if (replaced is not null && needs.All(n => n.Name != replaced))
                {
                    consumed.Add(present.Value.Span);
                }
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

            edits.AddRange(ImportEdits.Update(module, needs, consumed));
            var message = fromEnvironment is not null
                ? $"run config env {EnvironmentKey}={fromEnvironment} → task_runner={runner} (in 2/3 the task runner is part of the flow, not of its environment)"
                : $"{module.GetText(executor!)} → task_runner={runner}";
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
}
