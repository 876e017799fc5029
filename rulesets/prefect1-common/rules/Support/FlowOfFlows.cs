using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The 2/3 call that replaces a v1 flow-of-flows call (<c>create_flow_run</c>, <c>wait_for_flow_run</c>), spelled out
/// with the call's own values so the TODO says exactly what to write (reference §17).
/// </summary>
public static class FlowOfFlows
{
    /// <summary>
    /// <c>create_flow_run</c>'s keywords and the <c>run_deployment</c> keyword each becomes (null: none; <c>project_name</c> has no
    /// 2/3 meaning, the others the TODO explains).
    /// </summary>
    public static readonly IReadOnlyList<(string V1, string? Target)> CreateKeywords =
    [
        ("flow_name", "name"), ("parameters", "parameters"), ("run_name", "flow_run_name"), ("idempotency_key", "idempotency_key"),
        ("scheduled_start_time", "scheduled_time"), ("project_name", null), ("labels", null), ("run_config", null), ("context", null),
    ];

    /// <summary>A flow-of-flows name as the rules compare it: <c>prefect.tasks.prefect.flow_run.x</c> → <c>prefect.tasks.prefect.x</c>.</summary>
    public static string Callee(string canonical) => canonical.Replace("prefect.tasks.prefect.flow_run.", "prefect.tasks.prefect.", StringComparison.Ordinal);

    /// <summary>The TODO text for a flow-of-flows call, or null when <paramref name="canonical"/> is none. <paramref name="deployment"/>
    /// gives the <c>run_deployment(name=...)</c> source for a <c>flow_name=</c> value when the project says which deployment it is;
    /// <paramref name="prefect3"/>: the target is Prefect 3 (its async run_deployment is <c>arun_deployment</c>).</summary>
    public static string? Advice(PythonModule module, CallSyntax call, string canonical, Func<SyntaxNode, string?> deployment, bool prefect3) => Callee(canonical) switch
    {
        "prefect.tasks.prefect.create_flow_run" => CreateFlowRun(module, call),
        "prefect.tasks.prefect.wait_for_flow_run" => WaitForFlowRun(module, call),
        "prefect.tasks.prefect.create_flow_run.map" => MappedCreateFlowRun(module, call, deployment),
        "prefect.tasks.prefect.wait_for_flow_run.map" => MappedWaitForFlowRun(call, prefect3),
        _ => null,
    };

    // Keywords of a mapped call that order it after other calls (upstream_tasks=, wait_for= once the upstream rule renamed it).
    private static readonly string[] OrderingKeywords = ["upstream_tasks", "wait_for"];

    // create_flow_run.map(flow_name=unmapped(...), parameters=items): one child run per item, all started before any is waited for.
    private static string MappedCreateFlowRun(PythonModule module, CallSyntax call, Func<SyntaxNode, string?> deployment)
    {
        var ordering = call.Keywords.Where(k => OrderingKeywords.Contains(k.Name)).ToList();
        var mapped = call.Keywords.Where(k => k.Name is not null && !OrderingKeywords.Contains(k.Name) && TaskReferences.Unmapped(k.Value) is null).ToList();
        var name = call.Keyword("flow_name")?.Value is { } flowName ? deployment(TaskReferences.Unmapped(flowName) ?? flowName) : null;
        var arguments = new List<string> { $"name={name ?? "\"<flow name>/<deployment name>\""}" };
        foreach (var (v1, target) in CreateKeywords.Where(k => k.Target is not null && k.V1 != "flow_name"))
        {
            if (call.Keyword(v1)?.Value is { } value)
            {
                arguments.Add($"{target}={(TaskReferences.Unmapped(value) is { } same ? module.GetText(same) : mapped.Count == 1 ? "item" : v1)}");
            }
        }

        arguments.Add("timeout=0");
        var loop = mapped is [var only]
            ? $"[run_deployment({string.Join(", ", arguments)}) for item in {module.GetText(only.Value)}]"
            : $"a list of run_deployment({string.Join(", ", arguments)}), one per item of the mapped arguments ({string.Join(", ", mapped.Select(m => m.Name))}) taken together";
        return $"a mapped create_flow_run starts one child run per item: {loop} starts them all at once, as v1 did (unmapped(...) values are the same for every run)"
            + (name is null ? "; name the child's deployment" : string.Empty)
            + string.Concat(ordering.Select(k => $"; {k.Name}={module.GetText(k.Value)} started the runs after those calls: make them before the loop"))
            + (call.Keyword("labels") is not null ? "; labels= chose agents: pick the work pool/queue in the child's deployment (work_queue_name=)" : string.Empty)
            + " (reference §17)";
    }

    // wait_for_flow_run.map(runs, ...): a wait per child run.
    private static string MappedWaitForFlowRun(CallSyntax call, bool prefect3)
    {
        var raise = ConstantSyntax.From(TaskReferences.Unmapped(call.Keyword("raise_final_state")?.Value) ?? call.Keyword("raise_final_state")?.Value)?.Value == "True";
        return "2/3 have no synchronous wait for a run started with timeout=0: drop timeout=0 from the run_deployment(...) calls that start these runs, so each waits for its child (they then run one after another), or keep them concurrent in an async flow: await asyncio.gather(*(" + (prefect3 ? "prefect.deployments.arun_deployment" : "run_deployment") + "(...) for each item))"
            + (raise ? "; raise_final_state=True → check each run: `if not run.state.is_completed(): raise RuntimeError(...)`" : string.Empty)
            + " (reference §17)";
    }

    private static string CreateFlowRun(PythonModule module, CallSyntax call)
    {
        string? Text(string name) => call.Keyword(name)?.Value is { } v ? module.GetText(v) : null;
        var arguments = new List<string>();
        var notes = new List<string>();
        if (ConstantSyntax.StringValue(call.Keyword("flow_name")?.Value) is { } flowName)
        {
            var slug = Names.Slug(flowName);
            arguments.Add($"name=\"{flowName}/{slug}\"");
            notes.Add($"\"{slug}\" is the deployment flowmigrate writes for flow \"{flowName}\" (deployments/{slug}.prefect.yaml)");
        }
        else
        {
            arguments.Add("name=\"<flow name>/<deployment name>\"");
            notes.Add($"name the child's deployment (v1 {(Text("flow_id") is { } id ? $"flow_id={id}" : $"flow_name={Text("flow_name") ?? "?"}")})");
        }

        foreach (var (v1, target) in CreateKeywords.Where(k => k.Target is not null && k.V1 != "flow_name"))
        {
            if (Text(v1) is { } value)
            {
                arguments.Add($"{target}={value}");
            }
        }

        arguments.Add("timeout=0");
        foreach (var name in new[] { "project_name", "labels", "run_config", "context" })
        {
            if (Text(name) is { } value)
            {
                notes.Add(name switch
                {
                    "project_name" => $"project_name={value} has no 2/3 meaning",
                    "labels" => $"labels={value} chose agents: pick the work pool/queue in the deployment (work_queue_name=)",
                    "run_config" => $"run_config={value} → job_variables={{...}}",
                    _ => $"context={value} has no equivalent: pass the values as parameters",
                });
            }
        }

        return $"start the child deployment with prefect.deployments.run_deployment({string.Join(", ", arguments)}): timeout=0 returns the FlowRun at once as create_flow_run did; {string.Join("; ", notes)} (reference §17)";
    }

    private static string WaitForFlowRun(PythonModule module, CallSyntax call)
    {
        var raise = ConstantSyntax.From(call.Keyword("raise_final_state")?.Value)?.Value == "True";
        var dropped = new[] { "stream_states", "stream_logs", "max_duration" }.Where(n => call.Keyword(n) is not null).ToList();
        return "drop timeout=0 from the run_deployment(...) call instead: it then waits for the child run and returns the finished FlowRun"
            + (raise ? "; raise_final_state=True → `if not flow_run.state.is_completed(): raise RuntimeError(...)`" : "; its state is flow_run.state")
            + (dropped.Count > 0 ? $"; {string.Join(", ", dropped)} {(dropped.Count == 1 ? "has" : "have")} no equivalent (the child's logs and states are in the UI; run_deployment(timeout=...) bounds the wait)" : string.Empty)
            + " (reference §17)";
    }
}
