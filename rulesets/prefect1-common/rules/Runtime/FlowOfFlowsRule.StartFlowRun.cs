using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Runtime;

/// <summary>
/// <c>StartFlowRun</c> tasks → <c>run_deployment</c> (reference §17). An instance made at module level
/// (<c>child = StartFlowRun(flow_name="child", wait=True)</c>) or in place (<c>StartFlowRun(...)(...)</c>) and called as a statement of
/// flows: each call becomes <c>run_deployment(name="&lt;flow&gt;/&lt;deployment&gt;", ...)</c> with the construction's settings and the
/// call's values (the call's win, as v1's <c>defaults_from_attrs</c> did), and the instance goes. <c>wait=True</c> waited for the child
/// and failed when the child did: <c>run_deployment</c> waits by default, and the run's final state is checked after it; without it, v1
/// returned at once: <c>timeout=0</c>. A later call's <c>wait_for=[run]</c> goes (the run is over when the call is made). An instance
/// used any other way (mapped, passed as a value, made in a function, positional arguments) keeps the leftover rule's TODO.
/// </summary>
public abstract partial class FlowOfFlowsRule
{
    private const string StartFlowRun = "prefect.tasks.prefect.StartFlowRun";

    // StartFlowRun.run()'s keywords, which the construction also takes, and the run_deployment keyword each becomes (null: none):
    // create_flow_run's, without labels= and context=, and with new_flow_context=.
    private static readonly (string V1, string? Target)[] StartKeywords =
        [.. FlowOfFlows.CreateKeywords.Where(k => k.V1 is not ("labels" or "context")), ("new_flow_context", null)];

    // Keywords only the construction takes (the rest of its keywords are Task options).
    private static readonly string[] StartSettings = ["wait", "poll_interval", "create_link_artifact"];

    private sealed record StartCall(SyntaxNode Statement, CallSyntax Call, Dictionary<string, SyntaxNode> Values, ChildDeployments.Target Target, List<KeywordSyntax> Ordering);

    // One finding per StartFlowRun construction whose every use converts (findings that overlap wait for the next pass).
    private IEnumerable<Finding> StartFlowRuns(RuleContext context, PrefectSymbols symbols, IReadOnlyList<FlowFunction> flows)
    {
        var constructions = symbols.ResolvedCalls.Where(c => FlowOfFlows.Callee(c.Callee) == StartFlowRun).Select(c => c.Call)
            .Distinct<SyntaxNode>(ReferenceEqualityComparer.Instance).OrderBy(c => c.Span.Start).ToList();
        foreach (var construction in constructions)
        {
            if (PlanStart(context, construction, flows) is { } plan)
            {
                yield return ConvertStart(context.Module, construction, plan.Instance, plan.Calls, plan.Waits, flows);
            }
        }
    }

    private static (SyntaxNode? Instance, List<StartCall> Calls, bool Waits)? PlanStart(RuleContext context, SyntaxNode construction, IReadOnlyList<FlowFunction> flows)
    {
        var init = new CallSyntax(construction);
        if (init.Arguments.Count > 0 || init.Keywords.Any(k => k.Name is null))
        {
            return null;
        }

        var wait = init.Keyword("wait")?.Value is { } value ? ConstantSyntax.From(value)?.Value : "False";
        if (wait is not ("True" or "False"))
        {
            return null;
        }

        SyntaxNode? instance = null;
        List<SyntaxNode> callNodes;
        if (construction.ParentField == "func" && construction.Parent is { Kind: "Call" } outer)
        {
            callNodes = [outer];
        }
        else if (construction.ParentField == "value" && construction.Parent is { Kind: "Assign" } assignment && assignment.Children("targets") is [{ Kind: "Name" } target]
                 && SourceLines.IsModuleLevel(assignment))
        {
            var name = target.Scalar("id")!;
            var uses = SourceLines.NamesIn(context.Module.Root, name).Where(n => !ReferenceEquals(n, target)).ToList();
            if (uses.Count == 0 || uses.Any(u => u.Scalar("ctx") != "Load" || u.ParentField != "func" || u.Parent?.Is("Call") != true))
            {
                return null;
            }

            instance = assignment;
            callNodes = uses.Select(u => u.Parent!).ToList();
        }
        else
        {
            return null;
        }

        var calls = new List<StartCall>();
        foreach (var node in callNodes)
        {
            var call = new CallSyntax(node);
            if (node.Parent is not { } statement || StatementCall(statement)?.Node != node || FlowOf(statement, flows) is null || call.Arguments.Count > 0
                || call.Keywords.Any(k => k.Name is null || !(IsStartKeyword(k.Name) || IsOrdered(statement, k))))
            {
                return null;
            }

            var values = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
            foreach (var (v1, _) in StartKeywords)
            {
                if ((call.Keyword(v1) ?? init.Keyword(v1))?.Value is { } given)
                {
                    values[v1] = given;
                }
            }

            if (!values.TryGetValue("flow_name", out var flowName) || ChildDeployments.Of(context, flowName) is not { } deployment)
            {
                return null;
            }

            calls.Add(new StartCall(statement, call, values, deployment, call.Keywords.Where(k => !IsStartKeyword(k.Name)).ToList()));
        }

        return (instance, calls, wait == "True");
    }

    private Finding ConvertStart(PythonModule module, SyntaxNode construction, SyntaxNode? instance, List<StartCall> calls, bool waits, IReadOnlyList<FlowFunction> flows)
    {
        var init = new CallSyntax(construction);
        var edits = new List<TextEdit>();
        var notes = new List<string>();
        var todos = new List<string>();
        var taken = new HashSet<string>(ModuleIndex.Of(module).NameIds, StringComparer.Ordinal);
        foreach (var start in calls)
        {
            var arguments = new List<string> { $"name={start.Target.NameSource}" };
            foreach (var (v1, target) in StartKeywords.Where(k => k.Target is not null && k.V1 != "flow_name"))
            {
                if (start.Values.GetValueOrDefault(v1) is { } value)
                {
                    arguments.Add($"{target}={module.GetText(value)}");
                }
            }

            if (init.Keyword("poll_interval")?.Value is { } poll)
            {
                arguments.Add($"poll_interval={Durations.SecondsSource(module, poll)}");
            }

            if (!waits)
            {
                arguments.Add("timeout=0");
            }

            var replacement = $"run_deployment({string.Join(", ", arguments)})";
            var bound = Target(start.Statement);
            var run = bound;
            if (waits && run is null)
            {
                run = Names.Unused(Names.Identifier(ConstantSyntax.StringValue(start.Values["flow_name"]) ?? "child") + "_run", taken.Contains);
                taken.Add(run);
                edits.Add(TextEdit.Replace(start.Statement.Span, $"{run} = {replacement}"));
            }
            else
            {
                edits.Add(TextEdit.Replace(start.Call.Node.Span, replacement));
            }

            if (waits)
            {
                var indent = SourceLines.IndentOf(module, start.Statement.Span.Start);
                edits.Add(TextEdit.Insert(SourceLines.LineContentEnd(module, start.Statement.Span.End - 1),
                    string.Concat(FinalStateCheck(run!, completed: true).Select(line => module.NewLine + indent + line))));
            }

            if (start.Target.Caveat is { } caveat)
            {
                AddOnce(todos, caveat);
            }

            foreach (var (v1, _) in StartKeywords.Where(k => k.Target is null && k.V1 != "project_name"))
            {
                if (start.Values.GetValueOrDefault(v1) is { } value && ConstantSyntax.From(value)?.ValueType != "none")
                {
                    AddOnce(todos, UnmappedKeywordTodo(v1, module.GetText(value)));
                }
            }

            foreach (var keyword in start.Ordering)
            {
                AddOnce(notes, $"{keyword.Name}={module.GetText(keyword.Value)} have run already (the flow's calls run in source order)");
            }

            if (run is not null)
            {
                edits.AddRange(DropFinishedRun(module, start.Statement, run, calls, flows));
                if (bound is not null && ReadsOtherwise(start.Statement, bound, flows))
                {
                    todos.Add(waits
                        ? $"v1's StartFlowRun(wait=True) gave {bound} no value (None): it is now the finished child FlowRun"
                        : $"v1's StartFlowRun gave {bound} the child run's id: it is now the child FlowRun (its id is {bound}.id)");
                }
            }
        }

        if (instance is not null)
        {
            edits.AddRange(SourceLines.DeleteStatements(module, [instance]));
        }

        if (init.Keyword("project_name") is not null || calls.Any(c => c.Values.ContainsKey("project_name")))
        {
            notes.Add("project_name has no 2/3 meaning");
        }

        foreach (var option in init.Keywords.Where(k => !IsStartKeyword(k.Name) && !StartSettings.Contains(k.Name!)))
        {
            var text = module.GetText(option.Node);
            if (option.Name == "name")
            {
                notes.Add($"{text} named the v1 task that started the run");
            }
            else
            {
                todos.Add($"{text} was a Task option of the StartFlowRun task; run_deployment is not a task: call it from a @task with the matching option to keep it");
            }
        }

        notes.Add(waits ? "run_deployment waits for the child run (v1's wait=True), and this flow fails when the child did not complete" : "timeout=0 returns the child run at once, as StartFlowRun did without wait=True");
        edits.AddRange(ImportEdits.Update(module, [ImportNeed.Of("prefect.deployments", "run_deployment")], [construction.Child("func")!.Span]));
        var message = $"StartFlowRun → run_deployment(name={calls[0].Target.NameSource}): {string.Join("; ", notes)}";
        var at = calls[0].Statement;
        return new Finding(Id, at.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §17") : null,
        };
    }

    // A later call of the same flow that orders itself after the run (wait_for=[run], upstream_tasks=[run]): the run is over when
    // the call is made, so the name goes from the list (the keyword with it when it was the only one). The other StartFlowRun calls
    // this finding rewrites drop their ordering keywords themselves.
    private static IEnumerable<TextEdit> DropFinishedRun(PythonModule module, SyntaxNode statement, string run, List<StartCall> converted, IReadOnlyList<FlowFunction> flows)
    {
        if (FlowOf(statement, flows) is not { } flow)
        {
            yield break;
        }

        foreach (var node in flow.Function.Node.Descendants().Where(n => n.Is("Call") && n.Span.Start >= statement.Span.End))
        {
            var call = new CallSyntax(node);
            if (converted.Any(c => ReferenceEquals(c.Call.Node, node)))
            {
                continue;
            }

            foreach (var keyword in call.Keywords.Where(k => k.Name is "wait_for" or "upstream_tasks" && k.Value.Kind is "List" or "Tuple"))
            {
                var items = keyword.Value.Children("elts");
                var finished = items.Where(e => e.Is("Name") && e.Scalar("id") == run && ReferenceEquals(SourceOrder.Binding(SourceLines.Statement(node), run), statement)).ToList();
                if (finished.Count == 0)
                {
                    continue;
                }

                if (finished.Count == items.Count)
                {
                    yield return CallEdits.Remove(module, call, keyword.Node);
                }
                else
                {
                    foreach (var edit in ListItems.Remove(module, items, finished))
                    {
                        yield return edit;
                    }
                }
            }
        }
    }

    // Whether the flow reads the run's name anywhere but in ordering lists (wait_for=[run], upstream_tasks=[run]).
    private static bool ReadsOtherwise(SyntaxNode statement, string run, IReadOnlyList<FlowFunction> flows) =>
        FlowOf(statement, flows) is { } flow && SourceLines.NamesIn(flow.Function.Node, run).Any(n => n.Span.Start >= statement.Span.End && n.Scalar("ctx") == "Load"
            && !(n.Parent is { Kind: "List" or "Tuple" } list && list.ParentField == "value" && list.Parent is { Kind: "keyword" } keyword && keyword.Scalar("arg") is "wait_for" or "upstream_tasks"));

    private static bool IsStartKeyword(string? name) => StartKeywords.Any(k => k.V1 == name);

    private static void AddOnce(List<string> texts, string text)
    {
        if (!texts.Contains(text))
        {
            texts.Add(text);
        }
    }
}
