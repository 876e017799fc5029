using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>What the Flyte rules need to know about flytekit code: its imports, decorators and calls.</summary>
internal static class Flytekit
{
    public static readonly string[] Roots = ["flytekit", "flytekitplugins"];

    private static readonly HashSet<string> TaskDecorators =
        ["flytekit.task", "flytekit.core.task.task"];

    private static readonly HashSet<string> WorkflowDecorators =
        ["flytekit.workflow", "flytekit.core.workflow.workflow"];

    private static readonly HashSet<string> DynamicDecorators =
        ["flytekit.dynamic", "flytekit.core.dynamic_workflow_task.dynamic"];

    private static readonly HashSet<string> EagerDecorators =
        ["flytekit.eager", "flytekit.experimental.eager", "flytekit.core.task.eager"];

    public static IReadOnlyList<ImportBinding> Bindings(PythonModule module) => PythonImports.Bindings(module, Roots);

    /// <summary>True when an import of <paramref name="module"/> is from flytekit (the module is not fully converted yet).</summary>
    public static bool IsImportedBy(PythonModule module) => module.Imports().Any(i => PythonImports.ImportsFrom(i, "flytekit"));

    /// <summary><c>task</c>, <c>workflow</c>, <c>dynamic</c> or <c>eager</c> when the decorator is a flytekit one.</summary>
    public static string? DecoratorKind(SyntaxNode decorator, IReadOnlyList<ImportBinding> bindings)
    {
        var callee = decorator.Is("Call") ? decorator.Child("func") : decorator;
        var name = PythonImports.Resolve(callee, bindings);
        return name switch
        {
            null => null,
            _ when TaskDecorators.Contains(name) => "task",
            _ when WorkflowDecorators.Contains(name) => "workflow",
            _ when DynamicDecorators.Contains(name) => "dynamic",
            _ when EagerDecorators.Contains(name) => "eager",
            _ => null,
        };
    }

    /// <summary>True when <paramref name="call"/> calls the flytekit name <paramref name="qualified"/> (or one of its aliases in the imports table).</summary>
    public static bool Calls(SyntaxNode? node, IReadOnlyList<ImportBinding> bindings, params string[] qualified) =>
        node is not null && node.Is("Call") && PythonImports.Resolve(node.Child("func"), bindings) is { } name && qualified.Contains(name);

    /// <summary>Top-level functions with a flytekit decorator, with that decorator and its kind.</summary>
    public static IReadOnlyList<(FunctionDefSyntax Function, SyntaxNode Decorator, string Kind)> DecoratedFunctions(PythonModule module, IReadOnlyList<ImportBinding> bindings)
    {
        var result = new List<(FunctionDefSyntax, SyntaxNode, string)>();
        foreach (var statement in module.Body)
        {
            if (FunctionDefSyntax.From(statement) is not { } function)
            {
                continue;
            }

            foreach (var decorator in function.Decorators)
            {
                if (DecoratorKind(decorator, bindings) is { } kind)
                {
                    result.Add((function, decorator, kind));
                    break;
                }
            }
        }

        return result;
    }

    /// <summary><see cref="AssignSyntax.TargetNames"/>, read from the targets' own subtrees.</summary>
    public static IReadOnlyList<string> TargetNames(AssignSyntax assign)
    {
        var names = new List<string>();
        foreach (var target in assign.Targets)
        {
            foreach (var node in target.DescendantsAndSelf())
            {
                if (node.Is("Name"))
                {
                    names.Add(node.Scalar("id")!);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// <c>node.DescendantsAndSelf()</c> (depth first, source order): one walk of the tree's preorder, no list (every caller
    /// reads it once). A recursion through ChildNodes() made an enumerator per inner node and climbed to the root for the
    /// order on each one.
    /// </summary>
    public static IEnumerable<SyntaxNode> SubtreeNodes(SyntaxNode node) => node.DescendantsAndSelf();

    /// <summary><c>node.DottedName() is not null</c>, without building the name (asked of every node of a module).</summary>
    public static bool IsDotted(SyntaxNode node) => node.Kind switch
    {
        "Name" => node.Scalar("id") is not null,
        "Attribute" => node.Child("value") is { } value && IsDotted(value),
        _ => false,
    };

    /// <summary>The literal value of a constant node as Python source would write it (string content for str).</summary>
    public static string? ConstantText(SyntaxNode? node) => ConstantSyntax.From(node)?.Value;

    /// <summary>A Python name or kebab/snake env name segment: lowercase, [a-z0-9] runs joined by single '_'.</summary>
    public static string Slug(string text)
    {
        var slug = new System.Text.StringBuilder(text.Length);
        var separate = false;
        foreach (var c in text)
        {
            // Per character as string.ToLowerInvariant maps (simple case mapping; a surrogate never becomes [a-z0-9]).
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (separate && slug.Length > 0)
                {
                    slug.Append('_');
                }

                separate = false;
                slug.Append(lower);
            }
            else
            {
                separate = true;
            }
        }

        return slug.Length == 0 ? "flows" : slug.ToString();
    }

    /// <summary>The environment name of a module: its dotted path, each part slugged, joined by '-' (unique in the repo).</summary>
    public static string EnvironmentName(string path) =>
        string.Join('-', ProjectModel.ModuleName(path).Split('.').Select(Slug));

    /// <summary>The text of <paramref name="node"/> with flytekit names in it replaced by their Flyte 2 names (imports table, kind rename).</summary>
    public static string RenamedText(PythonModule module, SyntaxNode node, IReadOnlyList<ImportBinding> bindings, RulesetTables tables)
    {
        var edits = new List<TextEdit>();
        foreach (var candidate in node.DescendantsAndSelf(n => !IsDotted(n)).Where(n => n.Is("Attribute") || n.Is("Name")))
        {
            if (PythonImports.Resolve(candidate, bindings) is { } name && tables["imports"].Find("old", name) is { } row && row.Get("kind") == "rename")
            {
                edits.Add(TextEdit.Replace(candidate.Span, row.Require("new")));
            }
        }

        return SourceText.Rewrite(module, node.Span, edits);
    }
}
