using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// Prefect 1 flows of a module: <c>with Flow(...) as flow:</c> blocks (also with a project subclass
/// of <c>Flow</c>), and flows built imperatively (<c>flow = Flow(...)</c> then <c>add_task</c>,
/// <c>set_dependencies</c>, <c>add_edge</c>, <c>set_upstream(..., flow=flow)</c>).
/// </summary>
internal static class PrefectFlowFinder
{
    private static readonly HashSet<string> BuildingMethods = ["add_task", "set_dependencies", "add_edge", "chain", "update", "set_reference_tasks"];

    public static IEnumerable<FlowRecord> Find(ModuleFacts facts, ProjectSymbols symbols)
    {
        var module = facts.Module;
        foreach (var with in module.Root.Descendants().Select(WithSyntax.From).OfType<WithSyntax>())
        {
            foreach (var (context, target) in with.Items)
            {
                if (CallSyntax.From(context) is { } call && facts.Imports.Resolve(call.Function) is { } flowClass && symbols.IsFlowClass(flowClass))
                {
                    var variable = target?.DottedName();
                    yield return Record(facts, symbols, call, FlowKind.FlowBlock, with.Node, with.Body, variable, flowClass);
                }
            }
        }

        foreach (var statement in module.Body)
        {
            if (AssignSyntax.From(statement) is { Value: { } value } assign && CallSyntax.From(value) is { } call
                && facts.Imports.Resolve(call.Function) is { } flowClass && symbols.IsFlowClass(flowClass)
                && assign.TargetNames.FirstOrDefault() is { } variable)
            {
                var building = module.Body.Where(s => BuildsFlow(s, variable)).ToList();
                yield return Record(facts, symbols, call, FlowKind.ImperativeFlow, statement, building, variable, flowClass);
            }
        }
    }

    private static FlowRecord Record(ModuleFacts facts, ProjectSymbols symbols, CallSyntax call, FlowKind kind, SyntaxNode at, IEnumerable<SyntaxNode> body, string? variable, string flowClass)
    {
        var module = facts.Module;
        var name = ConstantSyntax.StringValue(call.Keyword("name")?.Value)
            ?? ConstantSyntax.StringValue(call.Arguments.FirstOrDefault())
            ?? variable ?? "flow";
        var tasks = FlowReferences.Tasks(facts, symbols, body);
        var classFile = symbols.FlowClassDefinitions.GetValueOrDefault(flowClass)?.File;
        return new FlowRecord($"{module.Path}::{name}", name, Framework.Prefect1, kind, module.Path, module.Lines.LineOf(at.Span.Start), tasks,
            FlowReferences.Files(module.Path, tasks, classFile))
        {
            Variable = variable,
        };
    }

    // flow.add_task(x), flow.set_dependencies(...), x.set_upstream(y, flow=flow), x.bind(..., flow=flow)
    private static bool BuildsFlow(SyntaxNode statement, string variable) =>
        statement.DescendantsAndSelf().Where(n => n.Is("Call")).Select(n => new CallSyntax(n)).Any(call =>
            (AttributeSyntax.From(call.Function) is { } attribute && attribute.Value.DottedName() == variable && BuildingMethods.Contains(attribute.Attribute))
            || call.Keyword("flow")?.Value.DottedName() == variable);
}
