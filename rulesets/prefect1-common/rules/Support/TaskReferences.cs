using Assistant.Core.Rules;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Tasks passed to other tasks inside a flow (reference §2.4): which callees are tasks, which parts of an argument v1 resolved
/// to a task's result, and where a flow binds a task's result once for all its uses.
/// </summary>
public static class TaskReferences
{
    /// <summary>Whether a call's callee is a task: a <c>@task</c> function, a module-level name bound to one or to its
    /// <c>with_options(...)</c> (a converted task-library or Task subclass instance), or <c>.map</c>/<c>.submit</c> of either.</summary>
    public static bool IsTaskCallee(RuleContext context, PrefectSymbols symbols, SyntaxNode function)
    {
        if (function.Is("Attribute") && function.Scalar("attr") is "map" or "submit")
        {
            function = function.Child("value")!;
        }

        return function.Is("Name") && !LocalNames.IsLocal(function, function.Scalar("id")!) && IsTaskName(context, symbols, function.Scalar("id")!, depth: 0);
    }

    /// <summary>The values of an argument that v1 resolved to task results: the argument itself, the elements of a list, tuple,
    /// set or dict literal (v1 collected them into one task), and what <c>unmapped(...)</c>/<c>allow_failure(...)</c> wrap.</summary>
    public static IEnumerable<SyntaxNode> PassedValues(SyntaxNode argument)
    {
        switch (argument.Kind)
        {
            case "List" or "Tuple" or "Set":
                return argument.Children("elts").SelectMany(PassedValues);
            case "Dict":
                return argument.Children("values").SelectMany(PassedValues);
            case "Starred":
                return [];
            case "Call" when CallSyntax.From(argument) is { FunctionName: "unmapped" or "allow_failure" or "prefect.unmapped" or "prefect.allow_failure", Arguments: [var wrapped], Keywords.Count: 0 }:
                return PassedValues(wrapped);
            default:
                return [argument];
        }
    }

    /// <summary>The value inside <c>unmapped(...)</c> (the same for every mapped call), or null when the argument is not wrapped.</summary>
    public static SyntaxNode? Unmapped(SyntaxNode? value) =>
        CallSyntax.From(value) is { FunctionName: "unmapped" or "prefect.unmapped", Arguments: [var wrapped], Keywords.Count: 0 } ? wrapped : null;

    /// <summary>The statement before which <paramref name="function"/> binds a result all of <paramref name="uses"/> read: the one
    /// holding the first use, in the innermost block that holds every use and is not inside a loop (a loop would call it each pass).</summary>
    public static SyntaxNode BindingPoint(FunctionDefSyntax function, IReadOnlyList<SyntaxNode> uses)
    {
        var first = uses[0];
        SyntaxNode? chosen = null;
        for (var node = first; node is not null && node != function.Node; node = node.Parent)
        {
            if (node.Parent is not { } parent || node.ParentField is not ("body" or "orelse" or "finalbody"))
            {
                continue;
            }

            if (parent.Kind is "For" or "AsyncFor" or "While")
            {
                chosen = null;
                continue;
            }

            var block = parent.Children(node.ParentField!);
            if (chosen is null && uses.All(u => block.Any(s => s.Span.Start <= u.Span.Start && u.Span.End <= s.Span.End)))
            {
                chosen = node;
            }
        }

        return chosen ?? function.Body.First(s => s.Span.Start <= first.Span.Start && first.Span.End <= s.Span.End);
    }

    private static bool IsTaskName(RuleContext context, PrefectSymbols symbols, string name, int depth)
    {
        if (TaskMethodCalls.IsTask(context, symbols, name))
        {
            return true;
        }

        if (depth > 3)
        {
            return false;
        }

        foreach (var statement in context.Module.Body)
        {
            if (!statement.Is("Assign") || new AssignSyntax(statement).TargetNames is not [var target] || target != name)
            {
                continue;
            }

            var value = statement.Child("value")!;
            if (CallSyntax.From(value) is { } call && call.Function.Is("Attribute") && call.Function.Scalar("attr") == "with_options")
            {
                value = call.Function.Child("value")!;
            }

            return value.Is("Name") && IsTaskName(context, symbols, value.Scalar("id")!, depth + 1);
        }

        return false;
    }
}
