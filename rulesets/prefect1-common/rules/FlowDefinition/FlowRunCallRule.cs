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
/// A v1 task's <c>t.run(...)</c> (tests call a task's function that way, outside any flow) → <c>t.fn(...)</c> (reference §19).
/// </summary>
public abstract class FlowRunCallRule(string id) : PrefectRule(
    id, "flow-run-call", "flow-definition", Safety.Review,
    "flow.run(parameters={...}) → flow(**parameters) under a __main__ guard; task.run(...) → task.fn(...)",
    "A 2/3 flow is called like a function; module-level calls would run at every deployment import (reference/prefect.md §2.6).",
    "flow.run(parameters={\"n\": 1})\n→\nif __name__ == \"__main__\":\n    etl(n=1)"), IPrefilteredRule
{
    // Every finding is a call of a run attribute: a flow's or a task's run(...).
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["run"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        foreach (var finding in TaskMethodCalls.RunCalls(Id, context, PrefectSymbols.For(context), Safety.Review))
        {
            yield return finding;
        }

        foreach (var flow in FlowFunction.In(module))
        {
            var statements = flow.ModuleStatements(module).ToList();
            var scheduled = (flow.DecoratorCall?.Keyword("schedule") is { } schedule && ConstantSyntax.From(schedule.Value)?.ValueType != "none")
                || statements.Any(s => s.Is("Assign") && FlowFunction.Attribute(s) == "schedule");
            var runs = flow.RunStatements(module).Concat(statements.Where(s => StateName(s) is not null && FlowFunction.Attribute(s) == "run"));
            foreach (var statement in runs)
            {
                var call = CallSyntax.From(statement.Child("value"))!;
                var stateName = StateName(statement);
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

                if (stateName is not null)
                {
                    arguments.Insert(0, "return_state=True");
                }

                var replacement = $"{flow.Name}({string.Join(", ", arguments)})";
                var edits = new List<TextEdit>();
                // Under `if __name__ == "__main__":` or in a function body (a main() called by the script) it stays where it is.
                // In a `with prefect.context(secrets=...)` block too: the runtime step makes that block a __main__ guard.
                var guarded = statement.Parent?.Kind is "If" or "FunctionDef" or "AsyncFunctionDef" || (statement.Parent is { } block && LocalSecrets.Of(block) is not null);
                SyntaxNode? perTaskResult = null;
                if (stateName is not null)
                {
                    // v1 returned the flow run's State: keep it with return_state=True and rename the v1 State API on it.
                    edits.Add(TextEdit.Replace(call.Node.Span, replacement));
                    var body = statement.Parent!.Children(statement.ParentField!).ToList();
                    foreach (var later in body.Skip(body.IndexOf(statement) + 1))
                    {
                        foreach (var use in later.DescendantsAndSelf().Where(n => n.Is("Attribute") && n.Child("value") is { } v && v.Is("Name") && v.Scalar("id") == stateName))
                        {
                            var attribute = use.Scalar("attr");
                            var called = use.Parent?.Is("Call") == true && use.ParentField == "func";
                            if (attribute == "result" && use.Parent?.Is("Subscript") == true)
                            {
                                perTaskResult ??= SourceLines.Statement(use);
                            }
                            else if ((attribute, called) is ("is_successful", true) or ("is_finished", true) or ("result", false))
                            {
                                edits.Add(TextEdit.Replace(use.Span, attribute switch
                                {
                                    "is_successful" => $"{stateName}.is_completed",
                                    "is_finished" => $"{stateName}.is_final",
                                    _ => $"{stateName}.result()",
                                }));
                            }
                        }
                    }

                    if (!guarded && ScriptTail(module, statement) is { } end)
                    {
                        // The run and the script code after it (which reads its state) go under a __main__ guard, as one edit.
                        var wrapped = WithEdits(module, statement.Span.Start, end, edits);
                        edits = [TextEdit.Replace(new TextSpan(statement.Span.Start, end), MainGuard(module, wrapped))];
                        guarded = true;
                        if (perTaskResult is not null)
                        {
                            // Its own TODO would land inside the replaced text: it goes above the guard instead.
                            todos.Add(PerTaskResultTodo(stateName, flow.Name));
                            perTaskResult = null;
                        }
                    }
                    else if (!guarded)
                    {
                        todos.Add($"this module-level run now happens whenever the module is imported (deployments import it): move it and the code using {stateName} under if __name__ == \"__main__\":");
                    }
                }
                else if (guarded)
                {
                    edits.Add(TextEdit.Replace(call.Node.Span, replacement));
                }
                else
                {
                    edits.Add(TextEdit.Replace(statement.Span, MainGuard(module, replacement)));
                }

                var message = $"{module.GetText(call.Node)} → {replacement}{(guarded || stateName is not null ? string.Empty : " under a __main__ guard")}";
                yield return new Finding(Id, statement.Span, message)
                {
                    Fix = new Fix(edits, Safety.Review, message),
                    Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §2.6") : null,
                };
                if (perTaskResult is not null)
                {
                    yield return new Finding(Id, perTaskResult.Span, $"{stateName}.result[task] has no 2/3 equivalent")
                    {
                        Todo = new ManualTodo(PerTaskResultTodo(stateName!, flow.Name), "reference/prefect.md §2.6"),
                    };
                }
            }
        }
    }

    // The end of the module's last statement when every statement from the run on is script code (no def, class or
    // import, no string spanning lines that indenting would change); else null.
    private static int? ScriptTail(PythonModule module, SyntaxNode statement)
    {
        var body = module.Body.ToList();
        var index = body.FindIndex(s => ReferenceEquals(s, statement));
        if (index < 0)
        {
            return null;
        }

        var tail = body.Skip(index).ToList();
        if (tail.Any(s => s.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Import" or "ImportFrom")
            || tail.SelectMany(s => s.DescendantsAndSelf()).Any(n => n.Kind is "Constant" or "JoinedStr" && module.GetText(n).Contains('\n')))
        {
            return null;
        }

        return tail[^1].Span.End;
    }

    // module.Text[start..end] with the edits that fall inside it applied.
    private static string WithEdits(PythonModule module, int start, int end, IEnumerable<TextEdit> edits)
    {
        var text = module.Text[start..end];
        foreach (var edit in edits.Where(e => e.Span.Start >= start && e.Span.End <= end).OrderByDescending(e => e.Span.Start))
        {
            text = text[..(edit.Span.Start - start)] + edit.NewText + text[(edit.Span.End - start)..];
        }

        return text;
    }

    private static string PerTaskResultTodo(string stateName, string flowName) =>
        $"{stateName}.result[task]: a 2/3 flow state has no per-task states; return the values you need from {flowName} and read {stateName}.result()";

    private static string MainGuard(PythonModule module, string code)
    {
        var nl = module.NewLine;
        // Comment lines stay byte for byte: Python ignores a comment's indentation.
        var lines = code.Split(nl).Select(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#') ? l : "    " + l);
        return $"if __name__ == \"__main__\":{nl}{string.Join(nl, lines)}";
    }

    // The variable of `state = f.run(...)` (one plain name target), else null.
    private static string? StateName(SyntaxNode statement) =>
        statement.Is("Assign") && statement.Children("targets") is [{ } target] && target.Is("Name") && statement.Child("value")?.Is("Call") == true
            ? target.Scalar("id")
            : null;
}
