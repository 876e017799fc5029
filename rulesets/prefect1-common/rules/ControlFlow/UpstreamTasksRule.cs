using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// Data-less dependencies: <c>upstream_tasks=[...]</c> → <c>wait_for=[...]</c> (valid on direct calls,
/// <c>.submit()</c> and <c>.map()</c>); <c>b.set_upstream(a)</c> / <c>a.set_downstream(b)</c> inside a flow
/// are removed when the calls already run in that order (direct calls run in source order), else a
/// TODO; <c>t(x, mapped=True)</c> → <c>t.map(x)</c>; <c>task_args=</c> → <c>with_options</c> TODO; a task named uncalled in
/// <c>upstream_tasks=</c> or as an argument of a task call is called once before its first use (reference §2.4, §3.2).
/// </summary>
public abstract class UpstreamTasksRule(string id) : PrefectRule(
    id, "upstream-dependencies", "control-flow", Safety.Review,
    "upstream_tasks= → wait_for=; set_upstream/set_downstream → call order; tasks passed uncalled → called once",
    "2/3 calls run when they are made: order and wait_for express data-less dependencies, and a task passed uncalled is a function, not its result (reference/prefect.md §2.4).",
    "pushed = push(changes, upstream_tasks=[lock])\n→\npushed = push(changes, wait_for=[lock])"), IPrefilteredRule
{
    // Every finding is a call with one of these keywords, or of one of these attributes, or is in a @flow function.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["upstream_tasks", "mapped", "task_args", "set_upstream", "set_downstream", "flow"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        foreach (var finding in UncalledTasks(context))
        {
            yield return finding;
        }

        var module = context.Module;
        foreach (var node in ModuleIndex.Of(module).Nodes("Call"))
        {
            var call = new CallSyntax(node);
            // flow.set_dependencies(..., upstream_tasks=[...], mapped=True), t.bind(..., mapped=True): keywords of v1's graph methods,
            // not of a task call; the imperative-flow rule converts these calls or leaves them under its TODO.
            var graphMethod = IsGraphMethod(call);
            if (!graphMethod && CallKeywords.Find(node, "upstream_tasks") is { } upstream)
            {
                var nameStart = upstream.Node.Span.Start;
                var message = "upstream_tasks= → wait_for=";
                var maps = call.Function.Is("Attribute") && call.Function.Scalar("attr") == "map"
                    && !(upstream.Value.Kind is "List" or "Tuple" && upstream.Value.Children("elts").All(e => CallSyntax.From(e)?.FunctionName == "unmapped"));
                // unmapped(a) marked an upstream task v1's map was not to map over: wait_for takes a itself.
                var unwrapped = upstream.Value.Kind is "List" or "Tuple"
                    ? upstream.Value.Children("elts").Where(e => CallSyntax.From(e) is { FunctionName: "unmapped", Arguments: [_], Keywords.Count: 0 })
                        .Select(e => TextEdit.Replace(e.Span, module.GetText(new CallSyntax(e).Arguments[0])))
                    : [];
                yield return new Finding(Id, upstream.Node.Span, message)
                {
                    Fix = Fix.Review(message, [TextEdit.Replace(new TextSpan(nameStart, nameStart + "upstream_tasks".Length), "wait_for"), .. unwrapped]),
                    // v1's Task.map mapped over its upstream_tasks too: one run per element of each upstream result.
                    Todo = maps ? new ManualTodo($"{module.GetText(upstream.Node)}: v1 also mapped over these tasks' results (one run per element); 2/3 map over arguments only, so pass the result as a mapped argument or call the task in a loop", "reference/prefect.md §4") : null,
                };
            }

            if (!graphMethod && CallKeywords.Find(node, "mapped") is { } mapped && ConstantSyntax.From(mapped.Value) is { ValueType: "bool", Value: "True" } && call.Function.Kind is "Name" or "Attribute")
            {
                var message = "t(..., mapped=True) → t.map(...)";
                yield return new Finding(Id, node.Span, message)
                {
                    Fix = new Fix([TextEdit.Insert(call.Function.Span.End, ".map"), CallEdits.Remove(module, call, mapped.Node)], Safety.Review, message),
                };
            }

            if (CallKeywords.Find(node, "task_args") is { } taskArgs)
            {
                yield return new Finding(Id, node.Span, "task_args")
                {
                    Todo = new ManualTodo($"task_args={module.GetText(taskArgs.Value)}: call {module.GetText(call.Function)}.with_options(...) with the converted options instead", "reference/prefect.md §3.2"),
                };
            }

            if (call.Function.Is("Attribute") && call.Function.Scalar("attr") is "set_upstream" or "set_downstream" && node.Parent?.Is("Expr") == true)
            {
                yield return Ordering(module, call);
            }
        }
    }

    // A task named, not called, inside a flow: in upstream_tasks=[t], or as an argument of a task call (print(t), t2(x=[t]),
    // t2.map(unmapped(t))). v1 added t to the flow, so it ran once however many tasks took it, and each got its result. Passed on
    // as it is, wait_for=[t] would wait on nothing and an argument would be the function: the flow calls t once, before the first
    // statement that names it, in the innermost block holding every use outside a loop, and passes the result.
    private IEnumerable<Finding> UncalledTasks(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var flow in FlowFunction.In(module))
        {
            var calls = flow.Function.Body.SelectMany(s => s.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda")))
                .Where(n => n.Is("Call")).Select(n => new CallSyntax(n)).ToList();
            var upstream = calls.Select(c => c.Keyword("upstream_tasks")?.Value).Where(v => v is not null && v.Kind is "List" or "Tuple").SelectMany(v => v!.Children("elts"));
            var arguments = calls.Where(c => !IsGraphMethod(c) && TaskReferences.IsTaskCallee(context, symbols, c.Function))
                .SelectMany(c => c.Arguments.Concat(c.Keywords.Where(k => k.Name is not ("upstream_tasks" or "wait_for" or "mapped" or "task_args" or "flow")).Select(k => k.Value)))
                .SelectMany(TaskReferences.PassedValues);
            var uses = upstream.Concat(arguments)
                .Where(e => e.Is("Name") && !LocalNames.IsLocal(e, e.Scalar("id")!) && TaskMethodCalls.IsTask(context, symbols, e.Scalar("id")!))
                .OrderBy(e => e.Span.Start).ToList();
            foreach (var group in uses.GroupBy(e => e.Scalar("id")!, StringComparer.Ordinal))
            {
                var name = group.Key;
                var result = FreeName(flow.Function, name + "_result");
                var before = TaskReferences.BindingPoint(flow.Function, [.. group]);
                var lineStart = module.Lines.LineStart(module.Lines.LineOf(before.Span.Start));
                var indent = SourceLines.IndentOf(module, before.Span.Start);
                var edits = new List<TextEdit> { TextEdit.Insert(lineStart, $"{indent}{result} = {name}(){module.NewLine}") };
                edits.AddRange(group.Select(e => TextEdit.Replace(e.Span, result)));
                var message = group.All(IsUpstream)
                    ? $"upstream_tasks=[{name}] names the task, which v1 added to the flow and ran: {flow.Name} calls it first"
                    : $"{name} is passed as the task itself, which v1 added to the flow and ran once, passing its result: {flow.Name} calls it first";
                yield return new Finding(Id, group.First().Span, message) { Fix = Fix.Review(message, [.. edits]) };
            }
        }

        static bool IsUpstream(SyntaxNode use) => use.Parent is { Kind: "List" or "Tuple" } list && list.Parent is { Kind: "keyword" } keyword && keyword.Scalar("arg") == "upstream_tasks";
    }

    private static string FreeName(FunctionDefSyntax function, string candidate)
    {
        var taken = function.Node.Descendants().Where(n => n.Is("Name")).Select(n => n.Scalar("id")!).Concat(function.ParameterNames).ToHashSet(StringComparer.Ordinal);
        return Names.Unused(candidate, taken.Contains, separator: "_");
    }

    private static bool IsGraphMethod(CallSyntax call) =>
        call.Function.Is("Attribute") && call.Function.Scalar("attr") is "set_dependencies" or "bind" or "add_edge" or "set_upstream" or "set_downstream";

    private Finding Ordering(PythonModule module, CallSyntax call)
    {
        var statement = node(call);
        var receiver = call.Function.Child("value")!;
        var other = call.Arguments.FirstOrDefault() ?? call.Keyword("task")?.Value;
        var isUpstream = call.Function.Scalar("attr") == "set_upstream";
        var (before, after) = isUpstream ? (other, receiver) : (receiver, other);
        // Ordered when the later call's result was bound after the earlier call's (not a future) in source order: in this block
        // or in one enclosing it, as with a run started inside an if after a task the flow called before the if.
        SyntaxNode? BoundBy(SyntaxNode? n) => n is not null && n.Is("Name") ? SourceOrder.Binding(statement, n.Scalar("id")!) : null;
        var first = BoundBy(before);
        var second = BoundBy(after);
        var text = module.GetText(call.Node);
        if (call.Keyword("key") is null && call.Keyword("mapped") is null && first is not null && !SourceOrder.IsFuture(first)
            && second is not null && first.Span.Start < second.Span.Start && InFunction(statement))
        {
            var message = $"{text}: already ordered (the calls run in source order)";
            return new Finding(Id, statement.Span, message) { Fix = Fix.Review(message, SourceLines.DeleteStatement(module, statement)) };
        }

        return new Finding(Id, statement.Span, "dependency that the call order does not express")
        {
            Todo = new ManualTodo($"{text}: call {module.GetText(before ?? receiver)} before {module.GetText(after ?? receiver)} (or pass wait_for=[...] with futures){(call.Keyword("key") is { } key ? $"; key={module.GetText(key.Value)} passes data: make it an argument" : string.Empty)}", "reference/prefect.md §2.4"),
        };

        static SyntaxNode node(CallSyntax c) => c.Node.Parent!;
    }

    // A statement of a function's body or of a block nested in it (a case that became an if, a loop): the block runs its
    // statements in source order, like the body.
    private static bool InFunction(SyntaxNode statement) =>
        statement.Parent?.Kind is "FunctionDef" or "AsyncFunctionDef"
        || (statement.Parent?.Kind is "If" or "With" or "For" or "While" && statement.Ancestors().Any(a => a.Kind is "FunctionDef" or "AsyncFunctionDef"));
}
