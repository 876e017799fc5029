namespace Assistant.Core.Source.Syntax;

/// <summary>
/// Whether a name read inside a function is that function's own variable rather than the module's: a parameter of an
/// enclosing function or lambda, or a name an enclosing function assigns (and declares neither global nor nonlocal, which this
/// does not try to follow: a function with such a declaration counts as reading the module's name).
/// </summary>
public static class LocalNames
{
    /// <summary>True when <paramref name="use"/> (a Name node spelling <paramref name="name"/>) refers to a function's local.</summary>
    public static bool IsLocal(SyntaxNode use, string name)
    {
        for (var scope = use.Parent; scope is not null; scope = scope.Parent)
        {
            if (scope.Is("Lambda") && scope.Child("args") is { } arguments && Names(arguments).Contains(name))
            {
                return true;
            }

            if (FunctionDefSyntax.From(scope) is not { } function)
            {
                continue;
            }

            if (function.ParameterNames.Contains(name))
            {
                return true;
            }

            var own = function.Body.SelectMany(s => s.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda"))).ToList();
            if (!own.Any(n => n.Kind is "Global" or "Nonlocal") && own.Any(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") is "Store" or "Del"))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Names(SyntaxNode arguments) =>
        arguments.Children("posonlyargs").Concat(arguments.Children("args")).Concat(arguments.Children("kwonlyargs"))
            .Concat(new[] { arguments.Child("vararg"), arguments.Child("kwarg") }.OfType<SyntaxNode>())
            .Select(a => a.Scalar("arg")!);
}
