using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The module-level statements after a v1 flow's definition that use its variable: where another binding of the name ends them
/// (<c>f = ...</c>, <c>with Flow(...) as f:</c>), and the names in a statement that read it (not those of functions, classes or
/// lambdas defined there, which have scopes of their own).
/// </summary>
public static class FlowVariable
{
    /// <summary>Whether <paramref name="statement"/> binds <paramref name="variable"/> to something else.</summary>
    public static bool Rebinds(SyntaxNode statement, string variable) =>
        (statement.Is("Assign") && statement.Children("targets").Any(t => t.Is("Name") && t.Scalar("id") == variable))
        || (statement.Is("With") && statement.Children("items").Any(i => i.Child("optional_vars") is { } bound && bound.Is("Name") && bound.Scalar("id") == variable));

    /// <summary>The <c>Name</c> nodes of <paramref name="statement"/> spelling <paramref name="variable"/> in its own scope.</summary>
    public static IEnumerable<SyntaxNode> References(SyntaxNode statement, string variable) =>
        statement.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda")).Where(n => n.Is("Name") && n.Scalar("id") == variable);
}
