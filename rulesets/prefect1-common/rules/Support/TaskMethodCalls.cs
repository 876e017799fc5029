using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Calls of Prefect 1 Task methods on <c>@task</c> functions — this module's, or one imported by name from a project
/// module (reference §3.2, §19): <c>t.run(x)</c> (the body, e.g. in unit tests) → <c>t.fn(x)</c>; <c>t.bind(...)</c> has
/// no 2/3 form → TODO.
/// </summary>
public static class TaskMethodCalls
{
    /// <summary><c>t.run(...)</c> → <c>t.fn(...)</c> and <c>t.bind(...)</c> TODOs (the task rule).</summary>
    public static IEnumerable<Finding> Find(string ruleId, RuleContext context, PrefectSymbols symbols) =>
        Calls(ruleId, context, symbols, Safety.Safe, withBind: true);

    /// <summary>Only <c>t.run(...)</c> → <c>t.fn(...)</c> (the flow-run rule, which meets these calls first).</summary>
    public static IEnumerable<Finding> RunCalls(string ruleId, RuleContext context, PrefectSymbols symbols, Safety safety) =>
        Calls(ruleId, context, symbols, safety, withBind: false);

    private static IEnumerable<Finding> Calls(string ruleId, RuleContext context, PrefectSymbols symbols, Safety safety, bool withBind)
    {
        var module = context.Module;
        foreach (var call in ModuleIndex.Of(module).Nodes("Call").Select(n => new CallSyntax(n)))
        {
            if (!call.Function.Is("Attribute") || call.Function.Child("value") is not { Kind: "Name" } target
                || call.Function.Scalar("attr") is not ("run" or "bind") || !IsTask(context, symbols, target.Scalar("id")!))
            {
                continue;
            }

            var name = target.Scalar("id")!;
            if (call.Function.Scalar("attr") == "run")
            {
                var end = call.Function.Span.End;
                var message = $"{name}.run(...) → {name}.fn(...): the task's own function, called outside a flow as v1's run() was";
                yield return new Finding(ruleId, call.Node.Span, message) { Fix = new Fix([TextEdit.Replace(new TextSpan(end - 3, end), "fn")], safety, message) };
            }
            else if (withBind)
            {
                yield return new Finding(ruleId, call.Node.Span, $"{name}.bind(...) has no 2/3 equivalent")
                {
                    Todo = new ManualTodo($"{module.GetText(call.Node)}: 2/3 have no bind(); call the task where its result is needed ({name}(...), or {name}.submit(...) for a future)", "reference/prefect.md §3.2"),
                };
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is a module-level @task function of this module, or one imported by name from a project module.</summary>
    public static bool IsTask(RuleContext context, PrefectSymbols symbols, string name)
    {
        var module = context.Module;
        if (TaskFunctionIn(module, name, d => symbols.Is(d, "prefect.task") || IsTaskDecoratorName(d)))
        {
            return true;
        }

        return ProjectImports.Origin(module, context.Project, name) is { } origin && TaskFunctionIn(origin.Module, origin.Name, IsTaskDecoratorName);
    }

    private static bool IsTaskDecoratorName(SyntaxNode decorator) => decorator.DottedName() is "task" or "prefect.task";

    private static bool TaskFunctionIn(PythonModule module, string name, Func<SyntaxNode, bool> isTaskDecorator) =>
        module.Body.Where(s => s.Kind is "FunctionDef" or "AsyncFunctionDef").Select(s => new FunctionDefSyntax(s))
            .Any(f => f.Name == name && f.Decorators.Any(d => (d.Is("Call") ? d.Child("func") : d) is { } function && isTaskDecorator(function)));
}
