using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A module-level <c>with prefect.context(secrets={"NAME": value, …}):</c> (or <c>secrets=dict(NAME=value)</c>): v1's way
/// to give a local <c>flow.run()</c> its secrets. Its body is script code: the flow-definition step converts the runs in it
/// as if guarded (<see cref="FlowFunction.ModuleStatements"/>), and the runtime step turns the block into a
/// <c>__main__</c> guard that first creates each missing secret as a Secret block (reference §11).
/// </summary>
public static class LocalSecrets
{
    /// <summary>The secrets (v1 name, value node) of such a block, else null.</summary>
    public static IReadOnlyList<(string Name, SyntaxNode Value)>? Of(SyntaxNode statement)
    {
        if (!statement.Is("With") || statement.Parent?.Is("Module") != true || new WithSyntax(statement) is not { Items: [var item] } || item.Target is not null
            || CallSyntax.From(item.Context) is not { } call || call.Function.DottedName() is not ("prefect.context" or "context")
            || call.Arguments.Count > 0 || call.Keywords is not [{ Name: "secrets" } keyword])
        {
            return null;
        }

        var value = keyword.Value;
        var secrets = new List<(string, SyntaxNode)>();
        if (value.Is("Dict"))
        {
            var keys = value.Children("keys");
            var values = value.Children("values");
            for (var i = 0; i < keys.Count; i++)
            {
                if (ConstantSyntax.StringValue(keys[i]) is not { } name)
                {
                    return null;
                }

                secrets.Add((name, values[i]));
            }
        }
        else if (CallSyntax.From(value) is { FunctionName: "dict", Arguments.Count: 0 } dict && dict.Keywords.All(k => k.Name is not null))
        {
            secrets.AddRange(dict.Keywords.Select(k => (k.Name!, k.Value)));
        }
        else
        {
            return null;
        }

        return secrets.Count == 0 ? null : secrets;
    }
}
