using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>Module-level names bound exactly once, by a plain top-level <c>NAME = value</c>: their value is known wherever the module reads them.</summary>
public static class ModuleConstants
{
    // Scopes of their own: what binds a name inside them does not bind it at module level.
    private static readonly HashSet<string> OwnScopes = ["FunctionDef", "AsyncFunctionDef", "ClassDef", "Lambda", "ListComp", "SetComp", "DictComp", "GeneratorExp"];

    /// <summary>
    /// The value <paramref name="name"/> is given when a top-level <c>name = value</c> (one target) is its only binding at module
    /// level (no other assignment, loop, <c>with … as</c>, <c>except … as</c>, import (a star import included), definition or <c>del</c> of it, also inside
    /// top-level <c>if</c>/<c>try</c>/<c>for</c> blocks), and no <c>global</c> statement could rebind it from a function; else null.
    /// </summary>
    public static SyntaxNode? ValueOf(PythonModule module, string name)
    {
        SyntaxNode? assignment = null;
        var bindings = 0;
        foreach (var node in module.Root.Descendants(n => !OwnScopes.Contains(n.Kind)))
        {
            var binds = node.Kind switch
            {
                "Name" => node.Scalar("id") == name && node.Scalar("ctx") is "Store" or "Del",
                "FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "ExceptHandler" or "MatchAs" or "MatchStar" => node.Scalar("name") == name,
                "alias" => node.Scalar("name") == "*" || (node.Scalar("asname") ?? node.Scalar("name")?.Split('.')[0]) == name,
                _ => false,
            };
            if (!binds)
            {
                continue;
            }

            bindings++;
            if (node.Is("Name") && node.Parent is { Kind: "Assign" } parent && parent.Parent == module.Root && parent.Children("targets") is [var only] && ReferenceEquals(only, node))
            {
                assignment = parent;
            }
        }

        // A global statement (in a function, which the walk above does not enter) could rebind it, and so could an assignment
        // expression in a comprehension, which binds in the enclosing scope.
        var rebound = module.Root.Descendants().Any(n => (n.Is("Global") && module.GetText(n).Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Contains(name))
            || (n.Is("NamedExpr") && n.Child("target") is { } target && target.Scalar("id") == name));
        return bindings == 1 && assignment is not null && !rebound ? assignment.Child("value") : null;
    }
}
