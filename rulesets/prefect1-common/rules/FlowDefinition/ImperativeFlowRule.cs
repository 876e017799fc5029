using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.FlowDefinition;

/// <summary>
/// The imperative API — <c>f = Flow("name", ..., tasks=[t])</c> then <c>f.add_task(t)</c>, <c>f.set_dependencies(task=t,
/// upstream_tasks=[...], keyword_tasks={...})</c>, <c>f.add_edge(a, b, key="x")</c> and
/// <c>t.set_upstream(a, flow=f)</c> at module level — → an <c>@flow</c> function whose body calls each task
/// once, in a topological order of the v1 graph (ties keep the order the v1 code named them), passing
/// each keyword task's result; module-level <c>Parameter</c>s become the function's parameters
/// (reference §2.1, §2.2, §2.4).
/// </summary>
public abstract class ImperativeFlowRule(string id) : PrefectRule(
    id, "imperative-flow", "flow-definition", Safety.Review,
    "`f = Flow(...)` + `f.add_task`/`f.set_dependencies`/`f.add_edge` → an @flow function calling the tasks in dependency order",
    "Prefect 2/3 flows are functions: the v1 graph becomes calls in an order that respects every edge (reference/prefect.md §2.4).",
    "f = Flow(\"etl\")\nf.set_dependencies(task=load, keyword_tasks={\"rows\": extract})\n→\n@flow(name=\"etl\")\ndef etl():\n    extract_result = extract()\n    load(rows=extract_result)")
{
    private static readonly HashSet<string> Carried = ["name", "schedule", "executor", "run_config", "storage", "state_handlers", "on_failure", "result"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var statement in module.Body.Where(s => s.Is("Assign")))
        {
            if (statement.Children("targets") is [{ } target] && target.Is("Name") && CallSyntax.From(statement.Child("value")) is { } call && symbols.Is(call.Function, "prefect.Flow")
                && Convert(context, symbols, statement, target.Scalar("id")!, call) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private Finding? Convert(RuleContext context, PrefectSymbols symbols, SyntaxNode assignment, string variable, CallSyntax call)
    {
        var module = context.Module;
        var graph = new ImperativeGraph(module, variable);
        // The statements up to the next binding of the variable (another flow from there on).
        var after = module.Body.SkipWhile(s => !ReferenceEquals(s, assignment)).Skip(1).TakeWhile(s => !FlowVariable.Rebinds(s, variable)).ToList();
        foreach (var statement in after)
        {
            if (graph.Read(statement) is { } problem)
            {
                return Todo(assignment, problem);
            }
        }

        if (after.Where(s => !graph.Statements.Contains(s)).SelectMany(s => FlowVariable.References(s, variable)).FirstOrDefault(n => !IsConfiguration(n)) is { } unread)
        {
            var statement = after.First(s => s.Span.Start <= unread.Span.Start && unread.Span.End <= s.Span.End);
            return Todo(assignment, $"{SourceLines.FirstLine(module, statement)} also builds {variable}; convert this flow by hand");
        }

        // `Flow("name", tasks=[a, b])` lists tasks without edges: they run in the listed order.
        var listed = call.Keyword("tasks");
        if (listed is not null && graph.AddTasks(listed.Value) is { } listProblem)
        {
            return Todo(assignment, listProblem);
        }

        if (graph.Statements.Count == 0 && listed is null)
        {
            return null;
        }

        // Module-level Parameters the graph uses become the function's parameters.
        var parameters = new List<FlowParameter>();
        var definitions = new List<SyntaxNode>();
        var parameterNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var edits = new List<TextEdit>();
        SyntaxNode? lastDefinition = null;
        var consumed = new List<TextSpan> { call.Function.Span };
        foreach (var node in graph.Nodes)
        {
            var definition = module.Body.FirstOrDefault(s => s.Is("Assign") && s.Children("targets") is [{ } t] && t.Is("Name") && t.Scalar("id") == node
                && FlowParameters.IsParameterCall(symbols, s.Child("value")));
            if (definition is null)
            {
                continue;
            }

            if (FlowParameters.Read(module, symbols, definition.Child("value")!) is not { } parameter)
            {
                return Todo(assignment, $"Parameter {node} has no literal name; convert this flow by hand");
            }

            var otherUses = module.Body.Where(s => s.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef")).SelectMany(s => s.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda"))).Count(n => n.Is("Name") && n.Scalar("id") == node
                && !graph.Statements.Any(s => s.Span.Start <= n.Span.Start && n.Span.End <= s.Span.End) && !(definition.Span.Start <= n.Span.Start && n.Span.End <= definition.Span.End));
            if (otherUses > 0)
            {
                return Todo(assignment, $"the Parameter {node} is used outside the flow's set-up; pass it to the @flow function by hand");
            }

            parameters.Add(parameter);
            parameterNames[node] = parameter.Identifier;
            consumed.Add(parameter.Call.Span);
            edits.Add(SourceLines.DeleteStatement(module, definition));
            definitions.Add(definition);
            lastDefinition = definition;
        }

        if (lastDefinition is not null && edits.Count > 0 && edits[^1].Span.End < module.Text.Length)
        {
            // The set-up block's blank line goes with it: keep the file's two blank lines before the function.
            var next = module.Lines.LineOf(edits[^1].Span.End);
            var line = module.Text[module.Lines.LineStart(next)..module.Lines.LineEnd(next)];
            var firstLine = module.Lines.LineOf(edits[0].Span.Start);
            var above = firstLine > 1 ? module.Text[module.Lines.LineStart(firstLine - 1)..module.Lines.LineEnd(firstLine - 1)] : "x";
            if (line.Trim().Length == 0 && above.Trim().Length == 0 && edits[^1].NewText.Length == 0)
            {
                edits[^1] = TextEdit.Delete(new TextSpan(edits[^1].Span.Start, module.Lines.LineEnd(next)));
            }
        }

        if (graph.Order() is not { } order)
        {
            return Todo(assignment, "the flow's dependencies form a cycle; order the task calls by hand");
        }

        var functionName = FlowFunctionName.ForImperative(module, variable, ConstantSyntax.StringValue(call.Arguments.FirstOrDefault() ?? call.Keyword("name")?.Value));
        var results = graph.ConsumedNodes();
        // A mapped call returns its futures at once: a task that must run after it without its data waits for them.
        var waits = order.ToDictionary(n => n, n => graph.OrderOnlyUpstream(n).Where(graph.IsMapped).ToList(), StringComparer.Ordinal);
        results.UnionWith(waits.Values.SelectMany(w => w));
        var nl = module.NewLine;
        var body = new List<string>();
        var unmapped = false;
        foreach (var node in order.Where(n => !parameterNames.ContainsKey(n)))
        {
            var mapped = graph.IsMapped(node);
            var arguments = new List<string>();
            foreach (var (key, argument) in graph.Arguments(node))
            {
                var value = argument.Node is { } n ? Reference(n, parameterNames) : argument.Text;
                unmapped |= mapped && !argument.Mapped;
                arguments.Add($"{key}={(mapped && !argument.Mapped ? $"unmapped({value})" : value)}");
            }

            if (waits[node].Count > 0)
            {
                arguments.Add($"wait_for=[{string.Join(", ", waits[node].Select(ResultName))}]");
            }

            var invocation = $"{node}{(mapped ? ".map" : string.Empty)}({string.Join(", ", arguments)})";
            body.Add(results.Contains(node) ? $"{ResultName(node)} = {invocation}" : invocation);
        }

        if (body.Count == 0)
        {
            body.Add("pass");
        }

        // Decorator from the Flow(...) call: `Flow(` → `@flow(name=`, keywords carried for the later steps.
        var decorator = ImportEdits.IsBoundOtherwise(module, ImportNeed.Of("prefect", "flow")) ? "prefect.flow" : "flow";
        var todos = new List<string>();
        var keywords = new List<string>();
        if (call.Arguments.Count > 0)
        {
            keywords.Add($"name={module.GetText(call.Arguments[0])}");
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name == "tasks")
            {
                continue;
            }

            if (keyword.Name is not null && Carried.Contains(keyword.Name))
            {
                keywords.Add(module.GetText(keyword.Node));
            }
            else
            {
                todos.Add($"Flow option {module.GetText(keyword.Node)} has no @flow equivalent; see reference §2.5");
            }
        }

        // A flow without an executor ran on v1's sequential LocalExecutor (an executor set later, f.executor = …,
        // replaces this in the deployment step).
        var needs = new List<ImportNeed> { decorator == "flow" ? ImportNeed.Of("prefect", "flow") : ImportNeed.Module("prefect") };
        if (unmapped)
        {
            needs.Add(ImportNeed.Of("prefect", "unmapped"));
        }

        if (call.Keyword("executor") is null)
        {
            keywords.Add($"task_runner={TaskRunners.Sequential(context, needs)}");
        }

        if (FlowParameters.RenameTodo(parameters) is { } renameTodo)
        {
            todos.Add(renameTodo);
        }

        var signature = FlowParameters.Signature(parameters, "datetime");
        var text = $"@{decorator}({string.Join(", ", keywords)}){nl}def {functionName}({signature}):{nl}{string.Join(nl, body.Select(b => "    " + b))}{(after.Any(s => !graph.Statements.Contains(s)) ? nl : string.Empty)}";
        edits.Add(TextEdit.Replace(assignment.Span, text));
        if (after.FirstOrDefault() is { } first && (graph.Statements.Contains(first) || definitions.Contains(first)))
        {
            // The blank lines between `f = Flow(...)` and a set-up statement that goes: the function keeps the file's spacing.
            var nextLine = module.Lines.LineStart(module.Lines.LineOf(first.Span.Start));
            var between = module.Lines.LineEnd(module.Lines.LineOf(assignment.Span.End));
            if (nextLine > between && module.Text[between..nextLine].Trim().Length == 0)
            {
                edits.Add(TextEdit.Delete(new TextSpan(between, nextLine)));
            }
        }

        edits.AddRange(graph.Statements.Select(s => SourceLines.DeleteStatement(module, s)));
        foreach (var name in after.Where(s => !graph.Statements.Contains(s)).SelectMany(s => FlowVariable.References(s, variable)))
        {
            edits.Add(TextEdit.Replace(name.Span, functionName));
        }

        edits.AddRange(ImportEdits.Update(module, needs, consumed));
        var message = $"imperative Flow {module.GetText(call.Arguments.FirstOrDefault() ?? call.Node)} becomes the @flow function {functionName}: {order.Count(n => !parameterNames.ContainsKey(n))} task call(s) in dependency order";
        return new Finding(Id, assignment.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count == 0 ? null : new ManualTodo(string.Join("; ", todos), "reference/prefect.md §2.4–2.5"),
        };
    }

    // `f.run()`, `f.storage = ...`, `f.register(...)`: what the later steps convert (a flow run, the deployment); anything else
    // (`f.add_task(t)` inside `with case(...)`, `t.bind(flow=f)` with what this does not read) adds to the graph.
    private static bool IsConfiguration(SyntaxNode reference) =>
        reference.Parent is { } parent && parent.Is("Attribute") && reference.ParentField == "value"
        && parent.Scalar("attr") is "run" or "register" or "visualize" or "validate" or "serialize" or "storage" or "run_config" or "executor" or "schedule" or "result" or "name";

    private static string Reference(string node, Dictionary<string, string> parameters) =>
        parameters.TryGetValue(node, out var identifier) ? identifier : ResultName(node);

    private static string ResultName(string node) => node + "_result";

    private Finding Todo(SyntaxNode assignment, string text) =>
        new(Id, assignment.Span, text) { Todo = new ManualTodo(text, "reference/prefect.md §2.4") };
}
