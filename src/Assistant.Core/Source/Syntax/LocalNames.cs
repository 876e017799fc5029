using System.Runtime.CompilerServices;

namespace Assistant.Core.Source.Syntax;

/// <summary>
/// Whether a name read inside a function is that function's own variable rather than the module's: a parameter of an
/// enclosing function or lambda, or a name an enclosing function's own body (not the functions, classes and lambdas in it)
/// assigns, deletes or defines a function or class as (and declares neither global nor nonlocal, which this does not try to
/// follow: a function with such a declaration counts as reading the module's name).
/// </summary>
public static class LocalNames
{
    // What a function binds, read once per function node: rules ask about every name a flow body reads, and each question
    // walked the whole enclosing body again.
    private static readonly ConditionalWeakTable<SyntaxNode, FunctionLocals> Functions = new();

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

            if (Functions.GetValue(scope, _ => FunctionLocals.Of(function)).Contains(name))
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

    // A function's parameters, and the names its own body binds: those it stores or deletes, and the functions and classes it
    // defines (whose own bodies, like lambdas', are scopes of their own), unless that body declares a name global or nonlocal
    // (then only the parameters count).
    private sealed class FunctionLocals(HashSet<string> names)
    {
        public bool Contains(string name) => names.Contains(name);

        public static FunctionLocals Of(FunctionDefSyntax function)
        {
            var names = new HashSet<string>(function.ParameterNames, StringComparer.Ordinal);
            var own = new List<SyntaxNode>();
            foreach (var statement in function.Body)
            {
                // A walk does not ask whether to enter the node it starts at: a definition in the body is not entered at all.
                if (IsScope(statement))
                {
                    own.Add(statement);
                    continue;
                }

                own.AddRange(statement.DescendantsAndSelf(n => !IsScope(n)));
            }

            if (own.Any(n => n.Kind is "Global" or "Nonlocal"))
            {
                return new FunctionLocals(new HashSet<string>(function.ParameterNames, StringComparer.Ordinal));
            }

            names.UnionWith(own.Where(n => n.Is("Name") && n.Scalar("ctx") is "Store" or "Del").Select(n => n.Scalar("id")!));
            names.UnionWith(own.Where(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef").Select(n => n.Scalar("name")!));
            return new FunctionLocals(names);
        }

        private static bool IsScope(SyntaxNode node) => node.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda";
    }
}
