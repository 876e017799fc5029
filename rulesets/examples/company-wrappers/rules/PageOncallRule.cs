// A flowmigrate user rule that adds a check to a built-in step (here the Prefect "runtime" step).
namespace Acme.FlowmigrateRules;

/// <summary>
/// <c>acme.alerts.page_oncall</c> is wired into Prefect 1 state handlers; Prefect 3 has on_failure hooks
/// instead. No automatic fix: every call gets a TODO that says what to do.
/// </summary>
public sealed class PageOncallRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "ACME001", "page-oncall-state-handler", "runtime", Safety.Manual,
        "Flags acme.alerts.page_oncall, which relies on Prefect 1 state handlers.",
        "Prefect 3 replaced state handlers with on_failure / on_completion hooks (reference/prefect.md).",
        "page_oncall(flow)  →  # TODO(flowmigrate ACME001): …");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var bindings = PythonImports.Bindings(context.Module, "acme");
        foreach (var call in context.Module.Root.Descendants().Select(CallSyntax.From).OfType<CallSyntax>())
        {
            if (PythonImports.Resolve(call.Function, bindings) == "acme.alerts.page_oncall")
            {
                yield return new Finding(Descriptor.Id, call.Node.Span, "page_oncall relies on Prefect 1 state handlers")
                {
                    Todo = new ManualTodo("page_oncall hooks into Prefect 1 state handlers; call it from an on_failure hook of the @flow", "acme runbook: paging"),
                };
            }
        }
    }
}
