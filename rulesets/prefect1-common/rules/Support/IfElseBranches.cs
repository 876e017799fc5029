using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A statement <c>ifelse(cond, t_true, t_false)</c> whose two branches are task calls made for it alone
/// (either inline, or a one-line <c>x = call(...)</c> earlier in the same block whose <c>x</c> nothing else
/// reads) → <c>if cond:</c> the true call <c>else:</c> the false call. v1 ran only the branch matching
/// <c>bool(cond)</c> and skipped the other (reference §5: <c>t_true() if cond else t_false()</c>).
/// </summary>
public sealed class IfElseBranches
{
    private IfElseBranches(SyntaxNode statement, SyntaxNode condition, Branch whenTrue, Branch whenFalse)
    {
        Statement = statement;
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    /// <summary>The <c>ifelse(...)</c> expression statement.</summary>
    public SyntaxNode Statement { get; }

    /// <summary>The condition argument.</summary>
    public SyntaxNode Condition { get; }

    /// <summary>What runs when the condition is truthy.</summary>
    public Branch WhenTrue { get; }

    /// <summary>What runs when it is not.</summary>
    public Branch WhenFalse { get; }

    /// <summary>One branch: the code to run, and the earlier statement that computed it (moved into the branch), if any.</summary>
    public sealed record Branch(string Code, SyntaxNode? Moved);

    /// <summary>The conversion of an <c>ifelse</c> call statement, or a reason it cannot be converted.</summary>
    public static (IfElseBranches? Branches, string? Reason) Read(PythonModule module, SyntaxNode statement, CallSyntax call)
    {
        var condition = call.Arguments.ElementAtOrDefault(0) ?? call.Keyword("condition")?.Value;
        var whenTrue = call.Arguments.ElementAtOrDefault(1) ?? call.Keyword("true_task")?.Value;
        var whenFalse = call.Arguments.ElementAtOrDefault(2) ?? call.Keyword("false_task")?.Value;
        if (condition is null || whenTrue is null || whenFalse is null || call.Keywords.Any(k => k.Name is not ("condition" or "true_task" or "false_task")))
        {
            return (null, "ifelse() with other arguments (mapped=, flow=)");
        }

        if (statement.Parent is not { } block || statement.ParentField != "body" || block.Kind is not ("FunctionDef" or "AsyncFunctionDef"))
        {
            return (null, "ifelse() outside a flow function body");
        }

        var siblings = block.Children("body");
        var index = siblings.ToList().FindIndex(s => ReferenceEquals(s, statement));
        var trueBranch = BranchOf(module, block, siblings, index, whenTrue, statement);
        var falseBranch = BranchOf(module, block, siblings, index, whenFalse, statement);
        if (trueBranch is null || falseBranch is null || (trueBranch.Moved is not null && ReferenceEquals(trueBranch.Moved, falseBranch.Moved)))
        {
            return (null, "its branches are not task calls made only for it");
        }

        // The condition must be computed before either branch's call ran in the converted order: before the ifelse.
        return (new IfElseBranches(statement, condition, trueBranch, falseBranch), null);
    }

    /// <summary>The replacement text of the statement, indented like it.</summary>
    public string Replacement(PythonModule module)
    {
        var indent = SourceLines.IndentOf(module, Statement.Span.Start);
        var inner = indent + (indent.Contains('\t') ? "\t" : "    ");
        var nl = module.NewLine;
        var condition = module.GetText(Condition);
        if (Condition.Kind is not ("Name" or "Attribute" or "Call" or "Subscript"))
        {
            condition = $"({condition})";
        }

        return $"if {condition}:{nl}{inner}{WhenTrue.Code}{nl}{indent}else:{nl}{inner}{WhenFalse.Code}";
    }

    /// <summary>Edits deleting the statements moved into the branches; when they were a paragraph of their own
    /// (blank lines on both sides), the blank line above goes too.</summary>
    public IReadOnlyList<TextEdit> Deletions(PythonModule module)
    {
        var moved = new[] { WhenTrue.Moved, WhenFalse.Moved }.OfType<SyntaxNode>();
        return SourceLines.DeleteStatements(module, moved, withTrailingComments: true);
    }

    private static Branch? BranchOf(PythonModule module, SyntaxNode function, IReadOnlyList<SyntaxNode> siblings, int index, SyntaxNode argument, SyntaxNode statement)
    {
        if (argument.Is("Call"))
        {
            return SingleLine(module, argument) ? new Branch(module.GetText(argument), null) : null;
        }

        if (!argument.Is("Name") || argument.Scalar("id") is not { } name)
        {
            return null;
        }

        // Every other read or write of the name in the function: only one assignment, earlier in the block.
        var uses = function.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == name && !ReferenceEquals(n, argument)).ToList();
        if (uses.Count != 1 || uses[0].Parent is not { } assign || !assign.Is("Assign") || assign.ParentField != "body" || !ReferenceEquals(assign.Parent, function)
            || assign.Children("targets").Count != 1 || !ReferenceEquals(assign.Children("targets")[0], uses[0])
            || assign.Child("value") is not { } value || !value.Is("Call") || !SingleLine(module, assign))
        {
            return null;
        }

        var position = siblings.ToList().FindIndex(s => ReferenceEquals(s, assign));
        if (position < 0 || position > index)
        {
            return null;
        }

        // Moving the call down past the statements in between must not change what it reads.
        var reads = value.DescendantsAndSelf().Where(n => n.Is("Name")).Select(n => n.Scalar("id")).ToHashSet(StringComparer.Ordinal);
        var between = siblings.Skip(position + 1).Take(index - position - 1);
        if (between.Any(s => s.DescendantsAndSelf().Any(n => n.Is("Name") && n.Scalar("ctx") is "Store" or "Del" && reads.Contains(n.Scalar("id")))))
        {
            return null;
        }

        return new Branch(module.GetText(assign) + (TrailingComment(module, assign) is { } comment ? "  " + comment : string.Empty), assign);
    }

    // `x = t()  # why` → "# why" (it moves with the call).
    private static string? TrailingComment(PythonModule module, SyntaxNode statement)
    {
        var rest = module.Text[statement.Span.End..SourceLines.LineContentEnd(module, statement.Span.End)].Trim();
        return rest.StartsWith('#') ? rest : null;
    }

    private static bool SingleLine(PythonModule module, SyntaxNode node) =>
        module.Lines.LineOf(node.Span.Start) == module.Lines.LineOf(Math.Max(node.Span.Start, node.Span.End - 1));
}
