using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Module-level names that only hold a v1 object for one use (<c>executor = DaskExecutor(...)</c> then <c>Flow(executor=executor)</c>).</summary>
public static class ModuleNames
{
    /// <summary>
    /// The module-level <c>name = Call(...)</c> statement a <c>Name</c> refers to when that assignment is the name's
    /// only binding and <paramref name="use"/> its only read, so moving the value moves the whole statement; else null.
    /// </summary>
    public static SyntaxNode? SingleUseDefinition(PythonModule module, SyntaxNode? use)
    {
        if (use is null || !use.Is("Name") || use.Scalar("id") is not { } id)
        {
            return null;
        }

        var definitions = module.Body.Where(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Name" } target] && target.Scalar("id") == id).ToList();
        if (definitions is not [var definition] || definition.Child("value")?.Is("Call") != true || definition.Span.Start > use.Span.Start)
        {
            return null;
        }

        // The module's Name nodes spelling the id (read once per module, not walked again per question).
        var uses = ModuleIndex.Of(module).NamesById.TryGetValue(id, out var named) ? named.Count : 0;
        return uses == 2 ? definition : null;
    }
}
