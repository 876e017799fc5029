using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The string a setting's expression stands for when the project spells it as a constant: a string literal, a member of a
/// constants enum assigned a string literal (<c>constants.GCS_FLOWS_BUCKET.value</c>, <see cref="EnumMember"/>), or a name bound
/// at module level to either (in this module or the project module it is imported from, <see cref="ModuleLevelValues"/>).
/// </summary>
public static class ConstantStrings
{
    // Names bound to names bound to strings rarely go deeper; the bound also stops a name that stands for itself.
    private const int MaxDepth = 8;

    /// <summary>The string <paramref name="node"/> stands for, or null when it is not one of the constants above.</summary>
    public static string? Of(PythonModule module, ProjectModel project, SyntaxNode? node) => Of(module, project, node, 0);

    private static string? Of(PythonModule module, ProjectModel project, SyntaxNode? node, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return null;
        }

        if (ConstantSyntax.StringValue(node) is { } literal)
        {
            return literal;
        }

        if (node.Is("Name"))
        {
            return ModuleLevelValues.Of(module, project, node.Scalar("id")!) is { } definition ? Of(definition.Module, project, definition.Value, depth + 1) : null;
        }

        return EnumMember.Of(module, project, node) is { } member ? ConstantSyntax.StringValue(member.Value) : null;
    }
}
