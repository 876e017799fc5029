using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>The statement that holds a node: the innermost node of a body (<c>body</c>, <c>orelse</c>, <c>finalbody</c>) or an
/// <c>except</c> clause among its ancestors, where a TODO about the node goes.</summary>
public static class EnclosingStatement
{
    /// <summary>The statement holding <paramref name="node"/>, or the node itself when nothing holds it.</summary>
    public static SyntaxNode Of(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a.Parent is not null && a.ParentField is "body" or "orelse" or "finalbody" or "handlers") ?? node;
}
