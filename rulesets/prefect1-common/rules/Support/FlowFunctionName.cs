using Assistant.Core.Source;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The name of the <c>@flow</c> function a v1 flow becomes: the identifier of its v1 name (<c>"daily-sales"</c> →
/// <c>daily_sales</c>), or a variable that already named it, with <c>_flow</c> appended when the module defines or imports that
/// name already, or when it is a builtin the function would shadow (a flow named "filter" must not hide <c>filter()</c> from the
/// module's tasks).
/// </summary>
public static class FlowFunctionName
{
    /// <summary>The name for a flow called <paramref name="flowName"/> (<c>flow_function</c> when it has none).</summary>
    public static string FromFlowName(PythonModule module, string? flowName)
    {
        var candidate = Names.Identifier(flowName ?? "flow_function");
        return Free(module, candidate == "flow" ? "flow_function" : candidate);
    }

    /// <summary>The function a <c>with Flow(...) as variable:</c> block becomes: the <c>as</c> variable, unless it is <c>flow</c> (it would
    /// shadow the decorator) or missing.</summary>
    public static string ForBlock(PythonModule module, string? variable, string? flowName) =>
        variable is not null && variable != "flow" ? variable : FromFlowName(module, flowName);

    /// <summary>The function an imperative flow (<c>variable = Flow(...)</c> built with <c>add_task</c>/<c>set_dependencies</c>) becomes.</summary>
    public static string ForImperative(PythonModule module, string variable, string? flowName) =>
        variable != "flow" ? Free(module, variable) : FromFlowName(module, flowName);

    /// <summary><paramref name="candidate"/>, or <c>candidate_flow</c> when the module defines or imports it or it is a builtin.</summary>
    public static string Free(PythonModule module, string candidate)
    {
        var taken = module.Root.Descendants().Where(n => n.Kind is "FunctionDef" or "ClassDef").Select(n => n.Scalar("name"))
            .Concat(module.Imports().SelectMany(i => i.Names.Select(n => n.BoundName))).ToHashSet();
        return taken.Contains(candidate) || Names.Builtins.Contains(candidate) ? candidate + "_flow" : candidate;
    }
}
