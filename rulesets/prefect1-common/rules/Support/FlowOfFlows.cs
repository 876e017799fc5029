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

    /// <summary>The TODO text for a flow-of-flows call, or null when <paramref name="canonical"/> is none.</summary>
    public static string? Advice(PythonModule module, CallSyntax call, string canonical) => Callee(canonical) switch
    {
        "prefect.tasks.prefect.create_flow_run" => CreateFlowRun(module, call),
        "prefect.tasks.prefect.wait_for_flow_run" => WaitForFlowRun(module, call),
        _ => null,
    };

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
