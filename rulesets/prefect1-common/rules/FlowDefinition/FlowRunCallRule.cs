using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.FlowDefinition;

/// <summary>
/// Module-level <c>f.run(...)</c> of an unscheduled flow → <c>f(...)</c> (parameters become keyword
/// arguments), guarded by <c>if __name__ == "__main__":</c> (deployments import the module); in a
/// <c>main()</c> function it is replaced in place; a
/// scheduled flow's <c>run()</c> is left to the deployment step (it becomes <c>serve</c>).
/// <c>run_on_schedule=False</c> → a plain call; a keyword named like a flow parameter is that parameter's value; <c>executor=</c> → <c>with_options(task_runner=…)</c> TODO (reference §2.6).
/// </summary>
public abstract class FlowRunCallRule(string id) : PrefectRule(
    id, "flow-run-call", "flow-definition", Safety.Review,
    "flow.run(parameters={...}) → flow(**parameters) under a __main__ guard",
    "A 2/3 flow is called like a function; module-level calls would run at every deployment import (reference/prefect.md §2.6).",
    "flow.run(parameters={\"n\": 1})\n→\nif __name__ == \"__main__\":\n    etl(n=1)")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        foreach (var flow in FlowFunction.In(module))
        {
            var statements = flow.ModuleStatements(module).ToList();
            var scheduled = (flow.DecoratorCall?.Keyword("schedule") is { } schedule && ConstantSyntax.From(schedule.Value)?.ValueType != "none")
                || statements.Any(s => s.Is("Assign") && FlowFunction.Attribute(s) == "schedule");
            foreach (var statement in flow.RunStatements(module))
            {
                var call = CallSyntax.From(statement.Child("value"))!;
                var runOnSchedule = ConstantSyntax.From(call.Keyword("run_on_schedule")?.Value)?.Value;
                if (scheduled && runOnSchedule != "False")
                {
                    continue;
                }

                var arguments = new List<string>();
                var todos = new List<string>();
                var parameterNames = flow.Function.ParameterNames.ToHashSet(StringComparer.Ordinal);
                foreach (var keyword in call.Keywords)
                {
                    switch (keyword.Name)
                    {
                        case "parameters" when keyword.Value.Is("Dict") && keyword.Value.Children("keys").All(k => ConstantSyntax.StringValue(k) is { } key && Names.IsIdentifier(key)):
                            var keys = keyword.Value.Children("keys");
                            var values = keyword.Value.Children("values");
                            arguments.AddRange(keys.Select((k, i) => $"{ConstantSyntax.StringValue(k)}={module.GetText(values[i])}"));
                            break;
                        case "parameters":
                            arguments.Add($"**{module.GetText(keyword.Value)}");
                            break;
                        case "run_on_schedule":
                            break;
                        // v1 Flow.run(**kwargs) took a keyword named like one of the flow's Parameters as its value.
                        case { } name when parameterNames.Contains(name):
                            arguments.Add($"{name}={module.GetText(keyword.Value)}");
                            break;
                        default:
                            todos.Add($"run({keyword.Name}={module.GetText(keyword.Value)}) has no direct equivalent{(keyword.Name == "executor" ? ": use flow.with_options(task_runner=...)()" : string.Empty)}");
                            break;
                    }
                }

                var replacement = $"{flow.Name}({string.Join(", ", arguments)})";
                var edits = new List<TextEdit>();
                // Under `if __name__ == "__main__":` or in a function body (a main() called by the script) it stays where it is.
                var guarded = statement.Parent?.Kind is "If" or "FunctionDef" or "AsyncFunctionDef";
                if (guarded)
                {
                    edits.Add(TextEdit.Replace(call.Node.Span, replacement));
                }
                else
                {
                    var nl = module.NewLine;
                    edits.Add(TextEdit.Replace(statement.Span, $"if __name__ == \"__main__\":{nl}    {replacement}"));
                }

                var message = $"{module.GetText(call.Node)} → {replacement}{(guarded ? string.Empty : " under a __main__ guard")}";
                yield return new Finding(Id, statement.Span, message)
                {
                    Fix = new Fix(edits, Safety.Review, message),
                    Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §2.6") : null,
                };
            }
        }
    }
}
