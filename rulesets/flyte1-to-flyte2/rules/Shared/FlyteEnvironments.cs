using System.Runtime.CompilerServices;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>Flyte 2 code already in a module: TaskEnvironment variables and the functions they decorate.</summary>
internal static class FlyteEnvironments
{
    /// <summary>Module-level names assigned a <c>flyte.TaskEnvironment(...)</c> (or <c>.clone_with(...)</c> of one).</summary>
    public static IReadOnlySet<string> Variables(PythonModule module) => VariablesCache.GetValue(module, ReadVariables);

    // Several rules of a pass ask about the same immutable module.
    private static readonly ConditionalWeakTable<PythonModule, HashSet<string>> VariablesCache = new();
    private static readonly ConditionalWeakTable<PythonModule, IReadOnlyList<(FunctionDefSyntax Function, SyntaxNode Decorator)>> TasksCache = new();

    private static HashSet<string> ReadVariables(PythonModule module)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assign in module.Body.Select(AssignSyntax.From).Where(a => a is not null))
        {
            var name = CallSyntax.From(assign!.Value)?.FunctionName;
            if (name is "flyte.TaskEnvironment" or "TaskEnvironment" || name?.EndsWith(".clone_with", StringComparison.Ordinal) == true)
            {
                result.UnionWith(Flytekit.TargetNames(assign));
            }
        }

        foreach (var import in module.Imports().Where(i => i.IsFrom))
        {
            result.UnionWith(import.Names.Where(n => n.BoundName.EndsWith("env", StringComparison.Ordinal)).Select(n => n.BoundName));
        }

        return result;
    }

    /// <summary>The <c>@env.task</c> / <c>@env.task(...)</c> decorator of a function, if any.</summary>
    public static SyntaxNode? TaskDecorator(FunctionDefSyntax function, IReadOnlySet<string> environments) =>
        function.Decorators.FirstOrDefault(d =>
            AttributeSyntax.From(d.Is("Call") ? d.Child("func") : d) is { Attribute: "task" } attribute
            && attribute.Value.DottedName() is { } variable && environments.Contains(variable));

    /// <summary>Top-level functions decorated with <c>@&lt;env&gt;.task</c>.</summary>
    public static IReadOnlyList<(FunctionDefSyntax Function, SyntaxNode Decorator)> Tasks(PythonModule module) => TasksCache.GetValue(module, ReadTasks);

    private static IReadOnlyList<(FunctionDefSyntax Function, SyntaxNode Decorator)> ReadTasks(PythonModule module)
    {
        var environments = Variables(module);
        return module.Body.Select(FunctionDefSyntax.From).Where(f => f is not null)
            .Select(f => (Function: f!, Decorator: TaskDecorator(f!, environments)))
            .Where(p => p.Decorator is not null).Select(p => (p.Function, p.Decorator!)).ToList();
    }
}
