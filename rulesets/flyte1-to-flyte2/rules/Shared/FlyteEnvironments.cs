using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>Flyte 2 code already in a module: TaskEnvironment variables and the functions they decorate.</summary>
internal static class FlyteEnvironments
{
    // Several rules of a pass ask about the same immutable module: both answers are read together (the tasks need the
    // variables) and kept with it under one key.
    private static readonly object Key = new();

    private sealed record Facts(HashSet<string> Variables, List<(FunctionDefSyntax Function, SyntaxNode Decorator)> Tasks);

    /// <summary>Module-level names assigned a <c>flyte.TaskEnvironment(...)</c> (or <c>.clone_with(...)</c> of one).</summary>
    public static IReadOnlySet<string> Variables(PythonModule module) => module.Fact(Key, Read).Variables;

    private static Facts Read(PythonModule module)
    {
        var variables = ReadVariables(module);
        return new Facts(variables, ReadTasks(module, variables));
    }

    private static HashSet<string> ReadVariables(PythonModule module)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in module.Body)
        {
            if (AssignSyntax.From(statement) is not { } assign)
            {
                continue;
            }

            var name = CallSyntax.From(assign.Value)?.FunctionName;
            if (name is "flyte.TaskEnvironment" or "TaskEnvironment" || name?.EndsWith(".clone_with", StringComparison.Ordinal) == true)
            {
                result.UnionWith(Flytekit.TargetNames(assign));
            }
        }

        foreach (var import in module.Imports())
        {
            if (!import.IsFrom)
            {
                continue;
            }

            foreach (var name in import.Names)
            {
                if (name.BoundName.EndsWith("env", StringComparison.Ordinal))
                {
                    result.Add(name.BoundName);
                }
            }
        }

        return result;
    }

    /// <summary>The <c>@env.task</c> / <c>@env.task(...)</c> decorator of a function, if any.</summary>
    public static SyntaxNode? TaskDecorator(FunctionDefSyntax function, IReadOnlySet<string> environments)
    {
        foreach (var decorator in function.Decorators)
        {
            if (AttributeSyntax.From(decorator.Is("Call") ? decorator.Child("func") : decorator) is { Attribute: "task" } attribute
                && attribute.Value.DottedName() is { } variable && environments.Contains(variable))
            {
                return decorator;
            }
        }

        return null;
    }

    /// <summary>Top-level functions decorated with <c>@&lt;env&gt;.task</c>.</summary>
    public static IReadOnlyList<(FunctionDefSyntax Function, SyntaxNode Decorator)> Tasks(PythonModule module) => module.Fact(Key, Read).Tasks;

    private static List<(FunctionDefSyntax Function, SyntaxNode Decorator)> ReadTasks(PythonModule module, HashSet<string> environments)
    {
        var tasks = new List<(FunctionDefSyntax Function, SyntaxNode Decorator)>();
        foreach (var statement in module.Body)
        {
            if (FunctionDefSyntax.From(statement) is { } function && TaskDecorator(function, environments) is { } decorator)
            {
                tasks.Add((function, decorator));
            }
        }

        return tasks;
    }
}
