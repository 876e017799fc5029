using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A module-level copy of a flow (<c>x = deepcopy(flow)</c>, <c>x = flow.copy()</c>), a flow template that v1 registered as a flow of
/// its own once the module set its name, schedule, run config or storage (<c>x.name = ...</c>, <c>x.schedule = ...</c>). The copied
/// flow is an <c>@flow</c> function of this module or of the project module it is imported from (after the flow-definition step).
/// </summary>
public sealed record FlowCopy(SyntaxNode Statement, string Name, string Original)
{
    /// <summary>The module's flow copies, in source order.</summary>
    public static IReadOnlyList<FlowCopy> In(PythonModule module, ProjectModel project)
    {
        List<FlowCopy>? copies = null;
        var bindings = PythonImports.Bindings(module, "copy");
        foreach (var statement in module.Body)
        {
            if (!statement.Is("Assign") || statement.Children("targets") is not [{ Kind: "Name" } target] || CallSyntax.From(statement.Child("value")) is not { } call
                || Copied(call, bindings) is not { } original || !IsFlow(module, project, original))
            {
                continue;
            }

            (copies ??= []).Add(new FlowCopy(statement, target.Scalar("id")!, original));
        }

        return copies ?? (IReadOnlyList<FlowCopy>)[];
    }

    /// <summary>The module-level <c>copy.attr = value</c> statements that configure the copy, in source order.</summary>
    public IEnumerable<SyntaxNode> Settings(PythonModule module) =>
        module.Body.Where(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Attribute" } target]
            && target.Child("value") is { Kind: "Name" } owner && owner.Scalar("id") == Name);

    // deepcopy(f) / copy.deepcopy(f) / copy(f) → "f"; f.copy() → "f".
    private static string? Copied(CallSyntax call, IReadOnlyList<ImportBinding> bindings)
    {
        if (call.Keywords.Count > 0)
        {
            return null;
        }

        if (call.Arguments is [{ Kind: "Name" } argument] && PythonImports.Resolve(call.Function, bindings) is "copy.deepcopy" or "copy.copy")
        {
            return argument.Scalar("id");
        }

        return call.Arguments.Count == 0 && call.Function is { Kind: "Attribute" } method && method.Scalar("attr") == "copy" && method.Child("value") is { Kind: "Name" } owner
            ? owner.Scalar("id")
            : null;
    }

    private static bool IsFlow(PythonModule module, ProjectModel project, string name) => FlowFunction.Named(module, project, name) is not null;
}
