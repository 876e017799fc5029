using System.Runtime.CompilerServices;
using Assistant.Core.Rules;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Which modules of a project call <c>Flow("name")</c> / <c>flow(name=...)</c> with a given literal name, read once
/// per project (a step's project is immutable) instead of walking every module again for every flow.
/// </summary>
public static class ProjectFlowNames
{
    private static readonly ConditionalWeakTable<ProjectModel, Dictionary<string, HashSet<string>>> ByProject = new();

    /// <summary>True when a module of the project other than the context's own names a flow <paramref name="flowName"/>.</summary>
    public static bool DefinedElsewhere(RuleContext context, string flowName) =>
        ByProject.GetValue(context.Project, Read).TryGetValue(flowName, out var paths) && paths.Any(p => p != context.Module.Path);

    private static Dictionary<string, HashSet<string>> Read(ProjectModel project)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var module in project.Modules)
        {
            foreach (var node in ModuleIndex.Of(module).Nodes("Call"))
            {
                if (LastPart(node.Child("func")) is "Flow" or "flow"
                    && (ConstantSyntax.StringValue(node.Children("args").FirstOrDefault()) ?? ConstantSyntax.StringValue(new CallSyntax(node).Keyword("name")?.Value)) is { } name)
                {
                    if (!names.TryGetValue(name, out var paths))
                    {
                        names[name] = paths = new HashSet<string>(StringComparer.Ordinal);
                    }

                    paths.Add(module.Path);
                }
            }
        }

        return names;
    }

    /// <summary>The last part of a Name/Attribute chain's dotted name (what <c>DottedName()?.Split('.')[^1]</c> gives), without building it.</summary>
    internal static string? LastPart(SyntaxNode? expression)
    {
        var head = expression;
        while (head is not null && head.Is("Attribute"))
        {
            head = head.Child("value");
        }

        if (head is null || !head.Is("Name") || head.Scalar("id") is null)
        {
            return null;
        }

        return expression!.Is("Name") ? head.Scalar("id") : expression.Scalar("attr");
    }
}
