using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Which statement of a 2/3 flow function gave a name the value a later statement reads. Calls made directly run when they are
/// made, so a function's statements, and those of the if, for, while, with and try blocks nested in it, run their calls in source
/// order: a name bound by an earlier statement of the same block, or of a block enclosing it, already holds its call's result.
/// </summary>
public static class SourceOrder
{
    /// <summary>
    /// The node that bound <paramref name="name"/> to the value it holds when <paramref name="statement"/> runs: the last statement
    /// before it, in its block or in a block enclosing it within the same function, that assigns the name (<c>name = ...</c>, <c>name, other = ...</c>), or the
    /// function whose parameter it is. Null when none does, when the function is left first (a module-level name), or when a
    /// statement in between binds the name in a way that may or may not run (a nested block, a loop's target, a later statement of
    /// an enclosing loop).
    /// </summary>
    public static SyntaxNode? Binding(SyntaxNode statement, string name)
    {
        for (var current = statement; current.Parent is { } parent; current = parent)
        {
            if (current.ParentField is not ("body" or "orelse" or "finalbody")
                || parent.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "If" or "For" or "AsyncFor" or "While" or "With" or "AsyncWith" or "Try" or "TryStar"))
            {
                return null;
            }

            var block = parent.Children(current.ParentField);
            var index = IndexOf(block, current);
            for (var earlier = index - 1; earlier >= 0; earlier--)
            {
                if (block[earlier].Kind is "Assign" or "AnnAssign" && new AssignSyntax(block[earlier]).Targets.Any(t => Binds(t, name)))
                {
                    return block[earlier];
                }

                if (Binds(block[earlier], name))
                {
                    return null;
                }
            }

            if (parent.Kind is "FunctionDef" or "AsyncFunctionDef")
            {
                return new FunctionDefSyntax(parent).ParameterNames.Contains(name) ? parent : null;
            }

            // A loop's target, or a statement after this one in the loop's body, binds the name again for the next pass.
            if (parent.Kind is "For" or "AsyncFor" or "While"
                && (Binds(parent.Child("target"), name) || block.Skip(index + 1).Any(s => Binds(s, name))))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="binding"/> (from <see cref="Binding"/>) gives its name a future: <c>t.submit(...)</c> or
    /// <c>t.map(...)</c> start runs the flow's next calls do not wait for.</summary>
    public static bool IsFuture(SyntaxNode binding) =>
        binding.Kind is "Assign" or "AnnAssign" && CallSyntax.From(new AssignSyntax(binding).Value) is { } call
        && call.Function.Is("Attribute") && call.Function.Scalar("attr") is "submit" or "map";

    /// <summary>Whether <paramref name="name"/>, bound by a direct call before <paramref name="statement"/>, holds its result
    /// when the statement runs (see <see cref="Binding"/>).</summary>
    public static bool HasRun(SyntaxNode statement, string name) => Binding(statement, name) is { } binding && !IsFuture(binding);

    // Any binding of the name in the statement's own scope: an assignment's target, a loop's, a with's, a walrus.
    private static bool Binds(SyntaxNode? node, string name) =>
        node is not null && node.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda"))
            .Any(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") == "Store");

    private static int IndexOf(IReadOnlyList<SyntaxNode> block, SyntaxNode statement)
    {
        for (var index = 0; index < block.Count; index++)
        {
            if (ReferenceEquals(block[index], statement))
            {
                return index;
            }
        }

        return -1;
    }
}
