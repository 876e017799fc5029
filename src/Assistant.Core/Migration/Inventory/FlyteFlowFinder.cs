using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>Flyte 1 flows of a module: <c>@workflow</c>, <c>@dynamic</c>, <c>@eager</c> functions and <c>LaunchPlan</c>s.</summary>
internal static class FlyteFlowFinder
{
    public static IEnumerable<FlowRecord> Find(ModuleFacts facts, ProjectSymbols symbols)
    {
        var module = facts.Module;
        foreach (var statement in module.Body)
        {
            if (FunctionDefSyntax.From(statement) is { } function && KindOf(facts, function) is { } kind)
            {
                var tasks = FlowReferences.Tasks(facts, symbols, function.Body);
                yield return new FlowRecord(Id(module.Path, function.Name), function.Name, Framework.Flyte1, kind, module.Path,
                    module.Lines.LineOf(statement.Span.Start), tasks, FlowReferences.Files(module.Path, tasks))
                {
                    Variable = function.Name,
                    Calls = Subflows(facts, function.Body),
                };
            }
            else if (AssignSyntax.From(statement) is { Value: { } value } assign && CallSyntax.From(value) is { } call
                && FrameworkApi.IsFlyteLaunchPlan(facts.Imports.Resolve(call.Function)))
            {
                var variable = assign.TargetNames.FirstOrDefault();
                var workflow = call.Keyword("workflow")?.Value ?? call.Arguments.FirstOrDefault(a => a.Is("Name"));
                var name = ConstantSyntax.StringValue(call.Keyword("name")?.Value)
                    ?? call.Arguments.Select(ConstantSyntax.StringValue).FirstOrDefault(s => s is not null)
                    ?? workflow?.DottedName() ?? variable ?? "launch_plan";
                var launched = workflow is null ? [] : Subflows(facts, [workflow]);
                yield return new FlowRecord(Id(module.Path, name), name, Framework.Flyte1, FlowKind.LaunchPlan, module.Path,
                    module.Lines.LineOf(statement.Span.Start), [], [module.Path])
                {
                    Variable = variable,
                    Calls = launched,
                };
            }
        }
    }

    public static string Id(string path, string name) => $"{path}::{name}";

    private static FlowKind? KindOf(ModuleFacts facts, FunctionDefSyntax function)
    {
        foreach (var decorator in function.Decorators)
        {
            var qualified = facts.Imports.Resolve(CallSyntax.From(decorator)?.Function ?? decorator);
            if (FrameworkApi.IsFlyteWorkflowDecorator(qualified))
            {
                return FlowKind.Workflow;
            }

            if (FrameworkApi.IsFlyteDynamicDecorator(qualified))
            {
                return FlowKind.Dynamic;
            }

            if (FrameworkApi.IsFlyteEagerDecorator(qualified))
            {
                return FlowKind.Eager;
            }
        }

        return null;
    }

    // Workflows of this module a body refers to, as flow ids (resolved across modules by the builder).
    private static IReadOnlyList<string> Subflows(ModuleFacts facts, IEnumerable<SyntaxNode> body) =>
        body.SelectMany(n => n.DescendantsAndSelf())
            .Where(n => n.Is("Name"))
            .Select(n => facts.Imports.Resolve(n))
            .OfType<string>()
            .Distinct()
            .ToList();
}
