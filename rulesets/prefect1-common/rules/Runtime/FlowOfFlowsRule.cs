using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Runtime;

/// <summary>
/// A flow of flows: <c>create_flow_run(flow_name=..., parameters=...)</c> in a flow → <c>run_deployment(name="&lt;flow&gt;/&lt;deployment&gt;",
/// parameters=..., timeout=0)</c>, which starts the child's deployment and returns its run at once, as v1 did. When the run's only
/// wait is a later <c>wait_for_flow_run(run, ...)</c> in the same block (with at most <c>run.set_upstream(...)</c> edges between),
/// the two merge: <c>run_deployment</c> waits (no <c>timeout=0</c>; <c>max_duration</c> → <c>timeout</c> in seconds),
/// <c>raise_final_state=True</c> becomes a check of the run's final state, and the wait's retries set after it
/// (<c>wait.max_retries = 3</c>) go, with a TODO when the wait raised. <c>upstream_tasks=</c>/<c>wait_for=</c> naming results the
/// flow's calls have already produced go too (<see cref="SourceOrder"/>). The deployment is the one the deployment step writes for the child flow (<see cref="ChildDeployments"/>);
/// a child the project does not name, positional arguments, <c>flow_id</c> or a mapped call stay for the leftover rule's TODO
/// (reference §17). <c>StartFlowRun</c> tasks become <c>run_deployment</c> calls too (see the other part of this class).
/// </summary>
public abstract partial class FlowOfFlowsRule(string id) : PrefectRule(
    id, "flow-of-flows", "runtime", Safety.Review,
    "create_flow_run / wait_for_flow_run / StartFlowRun → run_deployment",
    "Prefect 2/3 start another flow's deployment with run_deployment, addressed as \"<flow name>/<deployment name>\" (reference/prefect.md §17).",
    "run = create_flow_run(flow_name=\"child\", parameters={\"day\": day})\nwait_for_flow_run(run, raise_final_state=True)\n→\nrun = run_deployment(name=\"child/child\", parameters={\"day\": day})\nif not run.state.is_completed():\n    raise RuntimeError(...)")
{
    private const string CreateFlowRun = "prefect.tasks.prefect.create_flow_run";
    private const string WaitForFlowRun = "prefect.tasks.prefect.wait_for_flow_run";

    private static readonly Dictionary<string, string?> CreateKeywords = FlowOfFlows.CreateKeywords.ToDictionary(k => k.V1, k => k.Target, StringComparer.Ordinal);

    // wait_for_flow_run's parameters, in order.
    private static readonly string[] WaitParameters = ["flow_run_id", "stream_states", "stream_logs", "raise_final_state", "max_duration"];

    // The wait task's retry settings, set on it after the call (wait.max_retries = 3).
    private static readonly string[] WaitRetries = ["max_retries", "retry_delay"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var calls = new Dictionary<SyntaxNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var (call, callee) in symbols.ResolvedCalls)
        {
            if (FlowOfFlows.Callee(callee) is CreateFlowRun or WaitForFlowRun)
            {
                calls.TryAdd(call, FlowOfFlows.Callee(callee));
            }
        }

        var flows = FlowFunction.In(module);
        foreach (var (node, callee) in calls)
        {
            if (callee != CreateFlowRun || node.Parent is not { } statement || StatementCall(statement)?.Node != node
                || FlowOf(statement, flows) is not { } flow)
            {
                continue;
            }

            var create = new CallSyntax(node);
            if (create.Arguments.Count > 0 || create.Keywords.Any(k => k.Name is null || !(CreateKeywords.ContainsKey(k.Name) || IsOrdered(statement, k)))
                || create.Keyword("flow_name") is not { } flowName || ChildDeployments.Of(context, flowName.Value) is not { } target)
            {
                continue;
            }

            var block = statement.Parent!.Children(statement.ParentField!);
            var run = Target(statement);
            var wait = run is null ? null : WaitFor(block, block.ToList().IndexOf(statement), run, calls);
            yield return Convert(module, flow, statement, create, target, run, wait, wait is { } found ? Retries(block, found.Statement) : []);
        }

        foreach (var started in StartFlowRuns(context, symbols, flows))
        {
            yield return started;
        }
    }

    private Finding Convert(PythonModule module, FlowFunction flow, SyntaxNode statement, CallSyntax create, ChildDeployments.Target target, string? run,
        (SyntaxNode Statement, CallSyntax Call, Dictionary<string, SyntaxNode> Arguments)? wait, IReadOnlyList<SyntaxNode> retries)
    {
        var edits = new List<TextEdit> { TextEdit.Replace(create.Function.Span, "run_deployment") };
        var ordering = create.Keywords.Where(k => !CreateKeywords.ContainsKey(k.Name!)).ToList();
        var dropped = create.Keywords.Where(k => CreateKeywords.GetValueOrDefault(k.Name!) is null).ToList();
        var removed = dropped.Select(k => k.Node).ToList();
        var todos = new List<string>();
        if (target.Caveat is { } caveat)
        {
            todos.Add(caveat);
        }

        foreach (var keyword in create.Keywords.Where(k => CreateKeywords.ContainsKey(k.Name!)))
        {
            var renamed = CreateKeywords[keyword.Name!];
            if (keyword.Name == "flow_name")
            {
                edits.Add(TextEdit.Replace(keyword.Node.Span, $"name={target.NameSource}"));
            }
            else if (renamed is not null && renamed != keyword.Name)
            {
                // Only the name: the value may sit in parentheses that are not part of its node.
                edits.Add(TextEdit.Replace(new TextSpan(keyword.Node.Span.Start, keyword.Node.Span.Start + keyword.Name!.Length), renamed));
            }
            else if (renamed is null && keyword.Name != "project_name" && ConstantSyntax.From(keyword.Value)?.ValueType != "none")
            {
                todos.Add(UnmappedKeywordTodo(keyword.Name!, module.GetText(keyword.Value)));
            }
        }

        edits.AddRange(CallEdits.RemoveMany(module, create, removed));
        var consumed = new List<TextSpan> { create.Function.Span };
        var notes = new List<string>();
        if (dropped.FirstOrDefault(k => k.Name == "project_name") is { } project)
        {
            notes.Add($"project_name={module.GetText(project.Value)} has no 2/3 meaning");
        }

        foreach (var keyword in ordering)
        {
            notes.Add($"{keyword.Name}={module.GetText(keyword.Value)} have run already (the flow's calls run in source order)");
        }

        if (wait is { } waited)
        {
            consumed.Add(waited.Call.Function.Span);
            var maxDuration = waited.Arguments.GetValueOrDefault("max_duration");
            if (maxDuration is not null)
            {
                edits.Add(CallEdits.AddKeyword(module, create, $"timeout={Durations.SecondsSource(module, maxDuration)}", removed));
            }

            var raises = Raises(waited.Arguments);
            edits.Add(ReplaceWait(module, flow, waited.Statement, run!, raises, maxDuration is not null, retries));
            edits.AddRange(retries.Select(r => SourceLines.DeleteStatement(module, r)));
            notes.Add("run_deployment waits for the child run"
                + (maxDuration is null ? " (v1 gave up after 12 hours; pass timeout= to bound the wait)" : string.Empty)
                + (waited.Arguments.Keys.Any(k => k is "stream_states" or "stream_logs") ? "; the child's states and logs are in its own run, not streamed into this one" : string.Empty));
            if (retries.Count > 0)
            {
                var settings = string.Join(", ", retries.Select(r => module.GetText(r.Children("targets")[0]) + " = " + module.GetText(r.Child("value")!)));
                var retried = $"{settings} retried the wait";
                if (raises)
                {
                    todos.Add($"{retried}: when the child run failed, v1 waited for it again (a child run restarted in that time could still succeed); run_deployment waits once, and the state check fails this flow at once");
                }
                else
                {
                    notes.Add($"{retried}, which failed only when the wait itself did");
                }
            }
        }
        else
        {
            edits.Add(CallEdits.AddKeyword(module, create, "timeout=0", removed));
            notes.Add("timeout=0 returns the child run at once, as create_flow_run did");
        }

        edits.AddRange(ImportEdits.Update(module, [ImportNeed.Of("prefect.deployments", "run_deployment")], consumed));
        var message = $"create_flow_run{(wait is null ? string.Empty : " + wait_for_flow_run")} → run_deployment(name={target.NameSource}): {string.Join("; ", notes)}";
        return new Finding(Id, statement.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §17") : null,
        };
    }

    // The wait statement becomes the check of the run's final state (raise_final_state=True: it must have completed; a max_duration
    // alone: it must have finished, as v1 raised when the wait ran out) and keeps the name it bound when the flow reads that name.
    private static TextEdit ReplaceWait(PythonModule module, FlowFunction flow, SyntaxNode statement, string run, bool raises, bool bounded, IReadOnlyList<SyntaxNode> retries)
    {
        var indent = SourceLines.IndentOf(module, statement.Span.Start);
        var lines = new List<string>();
        if (raises || bounded)
        {
            lines.AddRange(FinalStateCheck(run, raises));
        }

        if (Target(statement) is { } bound && bound != run
            && flow.Function.Node.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == bound && n.Scalar("ctx") != "Store" && !retries.Any(r => r.Span.Contains(n.Span))))
        {
            lines.Add($"{bound} = {run}");
        }

        return lines.Count == 0 ? SourceLines.DeleteStatement(module, statement) : TextEdit.Replace(statement.Span, string.Join(module.NewLine + indent, lines));
    }

    // The check that fails the flow when the child run did not complete (or, for a bounded wait alone, did not finish): two lines.
    private static string[] FinalStateCheck(string run, bool completed) =>
    [
        $"if not {run}.state.{(completed ? "is_completed" : "is_final")}():",
        $"    raise RuntimeError(f\"child flow run {{{run}.name}} {(completed ? "finished in state {" + run + ".state.name}" : "did not finish in time")}\")",
    ];

    // The TODO for a v1 keyword run_deployment has no equivalent of (labels=, run_config=, context=, StartFlowRun's new_flow_context=).
    private static string UnmappedKeywordTodo(string keyword, string value) => keyword switch
    {
        "labels" => $"labels={value} chose the agents of the child run: pick its work pool and queue in the child's deployment (or pass work_queue_name=)",
        "run_config" => $"run_config={value} → job_variables={{...}} of run_deployment",
        _ => $"{keyword}={value} has no equivalent: pass the values as parameters",
    };

    private static bool Raises(Dictionary<string, SyntaxNode> arguments) =>
        arguments.GetValueOrDefault("raise_final_state") is { } raise && ConstantSyntax.From(raise)?.Value == "True";

    // The first later statement of the block that waits for the run: wait_for_flow_run(run, ...) with arguments it knows, and no
    // statement before it that binds the name again or hands the run to anything else.
    private static (SyntaxNode Statement, CallSyntax Call, Dictionary<string, SyntaxNode> Arguments)? WaitFor(IReadOnlyList<SyntaxNode> block, int index, string run,
        Dictionary<SyntaxNode, string> calls)
    {
        for (var next = index + 1; next < block.Count; next++)
        {
            var statement = block[next];
            if (StatementCall(statement) is { } call && calls.GetValueOrDefault(call.Node) == WaitForFlowRun && Arguments(call) is { } arguments
                && arguments.GetValueOrDefault("flow_run_id") is { } id && id.Is("Name") && id.Scalar("id") == run)
            {
                return (statement, call, arguments);
            }

            if (FlowVariable.Rebinds(statement, run) || (FlowVariable.References(statement, run).Any() && !IsUpstreamEdge(statement, run)))
            {
                return null;
            }
        }

        return null;
    }

    // `run.set_upstream(other)`: v1 started the child after `other`; run_deployment starts it where the create call was, so the
    // wait may join it (the edge itself is the upstream rule's).
    private static bool IsUpstreamEdge(SyntaxNode statement, string run) =>
        StatementCall(statement) is { } call && statement.Is("Expr") && call.Function.Is("Attribute") && call.Function.Scalar("attr") == "set_upstream"
        && call.Function.Child("value") is { Kind: "Name" } receiver && receiver.Scalar("id") == run
        && !call.Arguments.Concat(call.Keywords.Select(k => k.Value)).Any(a => FlowVariable.References(a, run).Any());

    // The statements after the wait in its block that set its retries (`wait.max_retries = 3`, `wait.retry_delay = ...`).
    private static List<SyntaxNode> Retries(IReadOnlyList<SyntaxNode> block, SyntaxNode wait) =>
        Target(wait) is not { } bound
            ? []
            : block.SkipWhile(s => !ReferenceEquals(s, wait)).Skip(1)
                .Where(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Attribute" } target] && WaitRetries.Contains(target.Scalar("attr"))
                    && target.Child("value") is { Kind: "Name" } owner && owner.Scalar("id") == bound)
                .ToList();

    // wait_for=[a, b] (upstream_tasks= before the upstream rule renames it) naming results the flow's calls produced before
    // this one: run_deployment has no such keyword, and needs none.
    private static bool IsOrdered(SyntaxNode statement, KeywordSyntax keyword) =>
        keyword.Name is "wait_for" or "upstream_tasks" && keyword.Value.Kind is "List" or "Tuple"
        && keyword.Value.Children("elts").All(e => e.Is("Name") && SourceOrder.HasRun(statement, e.Scalar("id")!));

    // wait_for_flow_run's arguments by parameter name, or null when it has one this rule does not know (or **kwargs).
    private static Dictionary<string, SyntaxNode>? Arguments(CallSyntax call)
    {
        if (call.Arguments.Count > WaitParameters.Length || call.Arguments.Any(a => a.Is("Starred")))
        {
            return null;
        }

        var arguments = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        for (var position = 0; position < call.Arguments.Count; position++)
        {
            arguments[WaitParameters[position]] = call.Arguments[position];
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null || !WaitParameters.Contains(keyword.Name) || !arguments.TryAdd(keyword.Name, keyword.Value))
            {
                return null;
            }
        }

        return arguments;
    }

    // `name = call(...)` or `call(...)` as a statement: the call.
    private static CallSyntax? StatementCall(SyntaxNode statement) => statement.Kind switch
    {
        "Expr" => CallSyntax.From(statement.Child("value")),
        "Assign" when Target(statement) is not null => CallSyntax.From(statement.Child("value")),
        _ => null,
    };

    // The one name an assignment binds, or null.
    private static string? Target(SyntaxNode statement) =>
        statement.Is("Assign") && statement.Children("targets") is [{ Kind: "Name" } name] ? name.Scalar("id") : null;

    // The flow whose body holds the statement, directly or in the blocks of its if, for, while, with and try statements (not in a
    // function or class defined in it).
    private static FlowFunction? FlowOf(SyntaxNode statement, IReadOnlyList<FlowFunction> flows)
    {
        foreach (var ancestor in statement.Ancestors())
        {
            if (ancestor.Kind is "FunctionDef" or "AsyncFunctionDef")
            {
                return flows.FirstOrDefault(f => ReferenceEquals(f.Function.Node, ancestor));
            }

            if (ancestor.Kind is not ("If" or "For" or "AsyncFor" or "While" or "With" or "AsyncWith" or "Try" or "TryStar" or "ExceptHandler"))
            {
                return null;
            }
        }

        return null;
    }
}
