using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Calls of Prefect 1 Task methods on this module's <c>@task</c> functions (reference §3.2):
/// <c>t.run(x)</c> (the body, e.g. in unit tests) → <c>t.fn(x)</c>; <c>t.bind(...)</c> has no 2/3 form → TODO.
/// </summary>
public static class TaskMethodCalls
{
    public static IEnumerable<Finding> Find(string ruleId, RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var tasks = module.Body.Where(s => s.Kind is "FunctionDef" or "AsyncFunctionDef").Select(s => new FunctionDefSyntax(s))
            .Where(f => f.Decorators.Any(d => symbols.Is(d.Is("Call") ? d.Child("func") : d, "prefect.task")))
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in module.Root.Descendants().Where(n => n.Is("Call")).Select(n => new CallSyntax(n)))
        {
            if (!call.Function.Is("Attribute") || call.Function.Child("value") is not { } target || !target.Is("Name") || !tasks.Contains(target.Scalar("id")!))
            {
                continue;
            }

            var name = target.Scalar("id")!;
            switch (call.Function.Scalar("attr"))
            {
                case "run":
                    var message = $"{name}.run(...) → {name}.fn(...) (the task's body)";
                    yield return new Finding(ruleId, call.Node.Span, message)
                    {
                        Fix = new Fix([TextEdit.Replace(call.Function.Span, $"{name}.fn")], Safety.Safe, message),
                    };
                    break;
                case "bind":
                    yield return new Finding(ruleId, call.Node.Span, $"{name}.bind(...) has no 2/3 equivalent")
                    {
                        Todo = new ManualTodo($"{module.GetText(call.Node)}: 2/3 have no bind(); call the task where its result is needed ({name}(...), or {name}.submit(...) for a future)", "reference/prefect.md §3.2"),
                    };
                    break;
            }
        }
    }
}
